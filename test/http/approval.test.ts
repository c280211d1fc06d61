// The approval queue and the newsroom desk over real HTTP: reporters' submissions wait for
// an editor, the desk stream shows them live with who is here, and every step is audited.

import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse } from "../helpers/sse.js";

let server: TestServer;
let editor: string;
let reporter: string;

beforeAll(async () => {
  server = await startTestServer();
  editor = await server.tokenFor("editor", "Eve Editor");
  reporter = await server.tokenFor("reporter", "Rafa Reporter");
  await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug: "queue", title: "Queue", reporterMode: "approval" },
  });
});
afterAll(() => server.close());

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe("approval", () => {
  it("holds a reporter's post for an editor, then publishes it to readers", async () => {
    const blog = await server.api("GET", "/api/blogs/queue");
    expect(blog.json.reporterMode).toBe("approval");
    const readers = await connectSse(`${server.url}/api/blogs/queue/events`);
    const desk = await connectSse(`${server.url}/api/blogs/queue/desk`, auth(editor));
    expect(desk.status).toBe(200);

    const submitted = await server.api("POST", "/api/blogs/queue/posts", {
      token: reporter,
      body: { title: "From the scene", blocks: [paragraph("Crowds gathering")] },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.json).toMatchObject({ status: "submitted", publishedAt: null });
    const id = submitted.json.id as string;
    expect((await server.api("GET", `/api/blogs/queue/posts/${id}`)).status).toBe(404);
    expect((await server.api("GET", "/api/blogs/queue/posts")).json.posts).toEqual([]);
    const queue = await server.api("GET", "/api/blogs/queue/posts?status=submitted", {
      token: editor,
    });
    expect(queue.json.posts.map((p: { id: string }) => p.id)).toEqual([id]);

    const deskPost = async () => {
      for (let i = 0; i < 100; i++) {
        const found = desk.events.find(
          (e) => e.event === "desk-post" && JSON.parse(e.data).id === id,
        );
        if (found) return JSON.parse(found.data);
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error("no desk-post event");
    };
    expect(await deskPost()).toMatchObject({ status: "submitted", title: "From the scene" });

    const refused = await server.api("POST", `/api/blogs/queue/posts/${id}/approve`, {
      token: reporter,
      body: {},
    });
    expect(refused.status).toBe(403);
    const approved = await server.api("POST", `/api/blogs/queue/posts/${id}/approve`, {
      token: editor,
      body: { version: 1 },
    });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ status: "published", version: 2 });
    const again = await server.api("POST", `/api/blogs/queue/posts/${id}/approve`, {
      token: editor,
      body: {},
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("not_submitted");

    const [live] = await readers.waitForEvents(1);
    expect(live?.event).toBe("post");
    expect(JSON.parse(live!.data)).toMatchObject({ id, status: "published" });
    await expect
      .poll(() =>
        desk.events.some((e) => e.event === "desk-delete" && JSON.parse(e.data).id === id),
      )
      .toBe(true);
    // Reporters in an approval blog cannot change what is already public.
    const edit = await server.api("PATCH", `/api/blogs/queue/posts/${id}`, {
      token: reporter,
      body: { version: 2, title: "x" },
    });
    expect(edit.status).toBe(403);
    readers.close();
    desk.close();

    const audit = await server.dispatch.store.listAudit({ limit: 20 });
    const trail = audit.filter((e) => e.postId === id).map((e) => [e.action, e.actorName]);
    expect(trail).toEqual([
      ["post.approve", "Eve Editor"],
      ["post.submit", "Rafa Reporter"],
    ]);
  });

  it("returns a submission to its author as a draft, with the editor's note audited", async () => {
    const submitted = await server.api("POST", "/api/blogs/queue/posts", {
      token: reporter,
      body: { blocks: [paragraph("Unverified")] },
    });
    const returned = await server.api(
      "POST",
      `/api/blogs/queue/posts/${submitted.json.id}/return`,
      {
        token: editor,
        body: { note: "Need a second source" },
      },
    );
    expect(returned.json).toMatchObject({
      status: "draft",
      returnNote: { note: "Need a second source", by: { name: "Eve Editor" } },
    });
    // The reporter reads the note on their desk, from the post itself.
    const mine = await server.api("GET", `/api/blogs/queue/posts/${submitted.json.id}`, {
      token: reporter,
    });
    expect(mine.json.returnNote.note).toBe("Need a second source");
    const [entry] = await server.dispatch.store.listAudit({ limit: 1 });
    expect(entry).toMatchObject({
      action: "post.return",
      postId: submitted.json.id,
      detail: { note: "Need a second source" },
    });
    // Resubmitting goes back to the queue, not to readers.
    const resubmit = await server.api("PATCH", `/api/blogs/queue/posts/${submitted.json.id}`, {
      token: reporter,
      body: { version: returned.json.version, status: "published" },
    });
    expect(resubmit.json.status).toBe("submitted");
    expect(resubmit.json.returnNote).toBeUndefined();
    const stored = await server.dispatch.store.findPost(
      (await server.dispatch.store.findBlogBySlug("queue"))!.id,
      submitted.json.id,
    );
    expect(stored?.returnNote ?? null).toBeNull();
  });

  it("shows the time a reporter asked for on a scheduled submission", async () => {
    const publishAt = new Date(Date.now() + 3_600_000).toISOString();
    const submitted = await server.api("POST", "/api/blogs/queue/posts", {
      token: reporter,
      body: { blocks: [paragraph("Embargoed until the briefing")], status: "scheduled", publishAt },
    });
    expect(submitted.json).toMatchObject({ status: "submitted", publishAt });
    const queue = await server.api("GET", "/api/blogs/queue/posts?status=submitted", {
      token: editor,
    });
    const waiting = queue.json.posts.find((p: { id: string }) => p.id === submitted.json.id);
    expect(waiting.publishAt).toBe(publishAt);
  });

  it("lets editors publish directly and reporters publish directly in a blog without approval", async () => {
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "open-desk", title: "Open" },
    });
    const direct = await server.api("POST", "/api/blogs/open-desk/posts", {
      token: reporter,
      body: { blocks: [paragraph("x")] },
    });
    expect(direct.json.status).toBe("published");
    const editorPost = await server.api("POST", "/api/blogs/queue/posts", {
      token: editor,
      body: { blocks: [paragraph("x")] },
    });
    expect(editorPost.json.status).toBe("published");
  });
});

describe("the desk", () => {
  it("shows who is on the desk and what they are editing", async () => {
    const eve = await connectSse(`${server.url}/api/blogs/queue/desk`, auth(editor));
    const rafa = await connectSse(`${server.url}/api/blogs/queue/desk`, auth(reporter));
    const lastPresence = () => {
      const events = eve.events.filter((e) => e.event === "presence");
      return events.length ? JSON.parse(events[events.length - 1]!.data).people : [];
    };
    await expect.poll(lastPresence).toEqual([
      { userId: expect.any(String), name: "Eve Editor", editing: null },
      { userId: expect.any(String), name: "Rafa Reporter", editing: null },
    ]);
    const set = await server.api("POST", "/api/blogs/queue/presence", {
      token: reporter,
      body: { editing: "post123" },
    });
    expect(set.status).toBe(204);
    await expect
      .poll(() => lastPresence().find((p: { name: string }) => p.name === "Rafa Reporter")?.editing)
      .toBe("post123");
    rafa.close();
    await expect
      .poll(() => lastPresence().map((p: { name: string }) => p.name))
      .toEqual(["Eve Editor"]);
    eve.close();
    expect((await connectSse(`${server.url}/api/blogs/queue/desk`)).status).toBe(401);
  });
});

describe("deletions on the desk", () => {
  it("name who deleted a post to the newsroom, and to readers only the id", async () => {
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "deleted-by", title: "Deleted by" },
    });
    const readers = await connectSse(`${server.url}/api/blogs/deleted-by/events`);
    // A colleague editor: a reporter's desk never hears of another's draft (drafts-visibility).
    const colleague = await server.tokenFor("editor", "Ed Colleague");
    const desk = await connectSse(`${server.url}/api/blogs/deleted-by/desk`, auth(colleague));
    const ids: string[] = [];
    for (const status of ["published", "draft"]) {
      const made = await server.api("POST", "/api/blogs/deleted-by/posts", {
        token: editor,
        body: { blocks: [paragraph(`A ${status} post`)], status },
      });
      ids.push(made.json.id);
      const gone = await server.api("DELETE", `/api/blogs/deleted-by/posts/${made.json.id}`, {
        token: editor,
      });
      expect(gone.status).toBe(204);
    }
    await expect.poll(() => desk.events.filter((e) => e.event === "desk-delete").length).toBe(2);
    for (const [i, event] of desk.events.filter((e) => e.event === "desk-delete").entries()) {
      const data = JSON.parse(event.data);
      expect(data).toMatchObject({ id: ids[i], by: { name: "Eve Editor" } });
      expect(Number.isNaN(Date.parse(data.at))).toBe(false);
    }
    const [deleted] = await readers
      .waitForEvents(2)
      .then((e) => e.filter((x) => x.event === "delete"));
    expect(JSON.parse(deleted!.data)).toEqual({ id: ids[0] });
    readers.close();
    desk.close();
  });
});

describe("scheduled posts", () => {
  it("go out on time after a restart, with nobody's editor open", async () => {
    const dataDir = server.dataDir;
    const first = await startTestServer({ dataDir: `${dataDir}-restart` });
    const token = await first.tokenFor("editor");
    await first.api("POST", "/api/blogs", { token, body: { slug: "later", title: "Later" } });
    const publishAt = new Date(Date.now() + 1500).toISOString();
    const scheduled = await first.api("POST", "/api/blogs/later/posts", {
      token,
      body: { status: "scheduled", publishAt, blocks: [paragraph("At the top of the hour")] },
    });
    expect(scheduled.json.status).toBe("scheduled");
    await first.close();
    await new Promise((r) => setTimeout(r, 1700));

    const second = await startTestServer({ dataDir: `${dataDir}-restart` });
    try {
      await expect
        .poll(
          async () =>
            (await second.api("GET", "/api/blogs/later/posts")).json.posts.map(
              (p: { id: string }) => p.id,
            ),
          {
            timeout: 5000,
          },
        )
        .toEqual([scheduled.json.id]);
      const [entry] = await second.dispatch.store.listAudit({ limit: 1 });
      expect(entry).toMatchObject({
        action: "post.publish",
        actorId: null,
        postId: scheduled.json.id,
      });
    } finally {
      await second.close();
      await rm(`${dataDir}-restart`, { recursive: true, force: true });
    }
  });

  it("go back to draft, never out, when the blog closed after they were scheduled", async () => {
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "closed-later", title: "Closed later" },
    });
    const publishAt = new Date(Date.now() + 1000).toISOString();
    const scheduled = await server.api("POST", "/api/blogs/closed-later/posts", {
      token: reporter,
      body: { status: "scheduled", publishAt, blocks: [paragraph("Too late")] },
    });
    expect(scheduled.json.status).toBe("scheduled");
    const closed = await server.api("PATCH", "/api/blogs/closed-later", {
      token: editor,
      body: { status: "closed" },
    });
    expect(closed.json.status).toBe("closed");

    const path = `/api/blogs/closed-later/posts/${scheduled.json.id}`;
    await expect
      .poll(async () => (await server.api("GET", path, { token: reporter })).json.status, {
        timeout: 5000,
      })
      .toBe("draft");
    expect((await server.api("GET", "/api/blogs/closed-later/posts")).json.posts).toEqual([]);
    const entries = await server.dispatch.store.listAudit({ limit: 20 });
    expect(entries.find((e) => e.postId === scheduled.json.id)).toMatchObject({
      action: "post.draft",
      actorId: null,
      detail: { reason: "blog_closed" },
    });
  });
});
