// Whose unpublished work a reporter sees, over real HTTP: their own drafts and submissions,
// and everyone's scheduled and published posts; editors and admins see everything. The same
// rule holds in the drafts list, a post's own URL and the desk stream (as in desk search).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse, type SseClient } from "../helpers/sse.js";

let server: TestServer;
let editor: string;
let alice: string;
let bruno: string;

beforeAll(async () => {
  server = await startTestServer();
  editor = await server.tokenFor("editor", "Edie Editor");
  alice = await server.tokenFor("reporter", "Alice Reporter");
  bruno = await server.tokenFor("reporter", "Bruno Reporter");
  const made = await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug: "drafts", title: "Drafts" },
  });
  expect(made.status).toBe(201);
});
afterAll(() => server?.close());

const write = (token: string, body: Record<string, unknown>) =>
  server.api("POST", "/api/blogs/drafts/posts", {
    token,
    body: { blocks: [paragraph("x")], ...body },
  });

const listed = async (token: string, status: string): Promise<string[]> => {
  const answer = await server.api("GET", `/api/blogs/drafts/posts?status=${status}`, { token });
  expect(answer.status).toBe(200);
  return answer.json.posts.map((p: { title: string }) => p.title);
};

describe("the drafts list and a draft's URL", () => {
  it("show a reporter only their own drafts, and everyone's scheduled posts", async () => {
    await write(alice, { title: "Alice's draft", status: "draft" });
    await write(bruno, { title: "Bruno's draft", status: "draft" });
    const publishAt = new Date(Date.now() + 3_600_000).toISOString();
    await write(alice, { title: "Alice's scheduled", status: "scheduled", publishAt });

    expect(await listed(bruno, "draft")).toEqual(["Bruno's draft"]);
    expect(await listed(alice, "draft")).toEqual(["Alice's draft"]);
    expect((await listed(editor, "draft")).sort()).toEqual(["Alice's draft", "Bruno's draft"]);
    expect(await listed(bruno, "scheduled")).toEqual(["Alice's scheduled"]);
  });

  it("hides a colleague's draft from a reporter who asks for it by id", async () => {
    const draft = await write(alice, { title: "Not yours", status: "draft" });
    const path = `/api/blogs/drafts/posts/${draft.json.id}`;
    expect((await server.api("GET", path, { token: bruno })).status).toBe(404);
    expect((await server.api("GET", path, { token: alice })).status).toBe(200);
    expect((await server.api("GET", path, { token: editor })).status).toBe(200);
    // Nor can the reader-page preview show it to him.
    const preview = `/live/drafts/posts/${draft.json.id}/preview`;
    expect((await server.api("GET", preview, { token: bruno })).status).toBe(404);
    expect((await server.api("GET", preview, { token: alice })).status).toBe(200);
  });
});

describe("a draft a reporter is named on but did not write", () => {
  it("is neither shown to them nor changed by them: one rule for reading and changing", async () => {
    const named = await server.userFor("reporter", "Nadia Named");
    const draft = await write(editor, {
      title: "Drafted for Nadia",
      status: "draft",
      bylines: [{ userId: named.id }],
    });
    expect(draft.status).toBe(201);
    const path = `/api/blogs/drafts/posts/${draft.json.id}`;
    expect((await server.api("GET", path, { token: named.token })).status).toBe(404);
    const edit = await server.api("PATCH", path, {
      token: named.token,
      body: { version: draft.json.version, title: "Changed unseen" },
    });
    expect(edit.status).toBe(403);
    expect(edit.json.error.code).toBe("forbidden");
    expect(JSON.stringify(edit.json)).not.toContain("Drafted for Nadia");
    const gone = await server.api("DELETE", path, { token: named.token });
    expect(gone.status).toBe(403);
    // Once published, the post is theirs to correct like any post that carries their name.
    const out = await server.api("PATCH", path, {
      token: editor,
      body: { version: draft.json.version, status: "published" },
    });
    expect(out.status).toBe(200);
    const corrected = await server.api("PATCH", path, {
      token: named.token,
      body: { version: out.json.version, title: "Corrected by Nadia" },
    });
    expect(corrected.status).toBe(200);
  });
});

describe("the desk stream", () => {
  const opened: SseClient[] = [];
  afterAll(() => {
    for (const client of opened) client.close();
  });

  async function desk(token: string) {
    const client = await connectSse(`${server.url}/api/blogs/drafts/desk`, {
      authorization: `Bearer ${token}`,
    });
    expect(client.status).toBe(200);
    opened.push(client);
    return client;
  }

  const postEvents = (client: SseClient) =>
    client.events
      .filter((e) => e.event !== "presence")
      .map((e) => `${e.event} ${JSON.parse(e.data).title ?? JSON.parse(e.data).id}`);

  it("tells a reporter of their own drafts and everyone's scheduled posts, no more", async () => {
    const brunoDesk = await desk(bruno);
    const editorDesk = await desk(editor);

    const secret = await write(alice, { title: "Alice's secret", status: "draft" });
    const gone = await server.api("DELETE", `/api/blogs/drafts/posts/${secret.json.id}`, {
      token: alice,
    });
    expect(gone.status).toBe(204);
    const publishAt = new Date(Date.now() + 3_600_000).toISOString();
    await write(alice, { title: "Alice's plan", status: "scheduled", publishAt });
    // Bruno's own draft comes last: once he has it, everything before it was sent or withheld.
    await write(bruno, { title: "Bruno's own", status: "draft" });

    const waitFor = async (client: SseClient, last: string) => {
      const until = Date.now() + 5000;
      while (!postEvents(client).includes(last) && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
    };
    await waitFor(brunoDesk, "desk-post Bruno's own");
    await waitFor(editorDesk, "desk-post Bruno's own");

    expect(postEvents(brunoDesk)).toEqual(["desk-post Alice's plan", "desk-post Bruno's own"]);
    expect(postEvents(editorDesk)).toEqual([
      "desk-post Alice's secret",
      `desk-delete ${secret.json.id}`,
      "desk-post Alice's plan",
      "desk-post Bruno's own",
    ]);
  });
});
