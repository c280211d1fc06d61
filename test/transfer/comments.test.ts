// Readers' side of a blog moved between two Dispatch servers, on SQLite and on PostgreSQL: the
// comment and contributions settings and the comments come along, approved ones public on the
// new blog's page with their replies under them, waiting ones still only in the moderation
// queue; rejected comments and senders' address keys stay behind. A document made before
// comments were exported still imports; a hostile comment item is refused, naming it.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { downloadExport, unpack } from "./transfer-support.js";

vi.setConfig({ testTimeout: 120_000 });

const SETTINGS = {
  comments: "pre",
  commentsPerHour: 7,
  commentWords: ["ferry scam"],
  contributions: { enabled: true, prompt: "Are you near the quay?" },
};

describe.each(["sqlite", "postgres"] as const)("comments moved on %s", (backend) => {
  let scratch: string;
  let source: TestServer;
  let target: TestServer;
  const databases: TestDatabase[] = [];
  let admin: string;
  // biome-ignore lint/suspicious/noExplicitAny: the document is compared whole and read field by field
  let document: any;
  const ids: Record<"top" | "reply" | "waiting" | "rejected", string> = {
    top: "",
    reply: "",
    waiting: "",
    rejected: "",
  };

  const server = async () => {
    const db = backend === "postgres" ? await createTestDatabase() : undefined;
    if (db) databases.push(db);
    return startTestServer(db ? { databaseUrl: db.url } : {});
  };

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "dispatch-transfer-comments-"));
    source = await server();
    target = await server();
    const editor = await source.tokenFor("editor");
    const made = await source.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "quay-fire", title: "Quay fire" },
    });
    expect(made.status).toBe(201);
    const set = await source.api("PATCH", "/api/blogs/quay-fire", {
      token: editor,
      body: SETTINGS,
    });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    const send = async (text: string, parentId?: string) => {
      const sent = await source.api("POST", "/api/blogs/quay-fire/comments", {
        body: { name: `Reader of ${text.slice(0, 8)}`, text, ...(parentId ? { parentId } : {}) },
      });
      expect(sent.status, JSON.stringify(sent.json)).toBe(201);
      return sent.json.id as string;
    };
    const decide = async (id: string, decision: "approve" | "reject") => {
      const answer = await source.api("POST", `/api/blogs/quay-fire/comments/${id}/${decision}`, {
        token: editor,
      });
      expect(answer.status).toBe(200);
    };
    ids.top = await send("Is the ferry running tonight?");
    await decide(ids.top, "approve");
    ids.reply = await send("It left at nine, I saw it.", ids.top);
    await decide(ids.reply, "approve");
    ids.waiting = await send("My cousin says the bridge is shut.");
    ids.rejected = await send("Something nobody should read.");
    await decide(ids.rejected, "reject");
    const closed = await source.api("PATCH", "/api/blogs/quay-fire", {
      token: editor,
      body: { commentsClosed: true },
    });
    expect(closed.status).toBe(200);

    const archive = path.join(scratch, "quay-fire.tar");
    await downloadExport(source, "quay-fire", await source.tokenFor("admin"), archive);
    document = (await unpack(archive)).document;
    admin = await target.tokenFor("admin");
  }, 240_000);

  afterAll(async () => {
    await source?.close();
    await target?.close();
    await Promise.all(databases.map((db) => db.drop()));
    await rm(scratch, { recursive: true, force: true });
  });

  const importDocument = async (body: unknown) => {
    const response = await fetch(`${target.url}/api/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  };

  it("exports the settings and the approved and waiting comments, nothing of senders", () => {
    expect(document.version).toBe(1);
    expect(document.blog.comments).toEqual({
      mode: "pre",
      closed: true,
      perHour: 7,
      blockedWords: ["ferry scam"],
    });
    expect(document.blog.contributions).toEqual(SETTINGS.contributions);
    expect(document.comments.map((c: { id: string }) => c.id)).toEqual([
      ids.top,
      ids.reply,
      ids.waiting,
    ]);
    expect(document.comments[1]).toMatchObject({ parentId: ids.top, status: "approved" });
    expect(document.comments[2]).toMatchObject({ status: "pending", heldFor: "moderation" });
    const text = JSON.stringify(document);
    expect(text).not.toContain("nobody should read");
    expect(text).not.toMatch(/address/i);
  });

  it("imports them: approved ones public in their threads, waiting ones only queued", async () => {
    const answer = await importDocument(document);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.json).toMatchObject({ comments: 3 });
    const blog = await target.api("GET", "/api/blogs/quay-fire", { token: admin });
    expect(blog.json).toMatchObject({
      comments: "pre",
      commentsClosed: true,
      commentsPerHour: 7,
      commentWords: ["ferry scam"],
      contributions: SETTINGS.contributions,
    });

    const page = await (await fetch(`${target.url}/live/quay-fire`)).text();
    expect(page).toContain("Is the ferry running tonight?");
    expect(page).toContain("It left at nine, I saw it.");
    expect(page).not.toContain("the bridge is shut");
    const threads = await target.api("GET", "/api/blogs/quay-fire/comments");
    expect(threads.json.comments).toMatchObject([
      { id: ids.top, replies: [{ id: ids.reply, text: "It left at nine, I saw it." }] },
    ]);
    const changes = await target.api("GET", "/api/blogs/quay-fire/changes?since=0");
    expect(JSON.stringify(changes.json)).toContain("It left at nine");
    expect(JSON.stringify(changes.json)).not.toContain("the bridge is shut");
    const queue = await target.api("GET", "/api/blogs/quay-fire/comments/queue?state=pending", {
      token: admin,
    });
    expect(queue.json.comments.map((c: { id: string }) => c.id)).toEqual([ids.waiting]);

    const again = path.join(scratch, "again.tar");
    await downloadExport(target, "quay-fire", admin, again);
    expect((await unpack(again)).document).toEqual(document);
    // A second import finds every comment here and writes none.
    const twice = await importDocument(document);
    expect(twice.json).toMatchObject({ created: 0, updated: 0, comments: 0 });
  });

  it("still imports a document made before comments were exported", async () => {
    const { comments: _comments, ...older } = document;
    const { comments: _settings, contributions: _contributions, ...blog } = document.blog;
    const answer = await importDocument({
      ...older,
      blog: { ...blog, id: "olderblog1", slug: "older-quay-fire" },
    });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    const imported = await target.api("GET", "/api/blogs/older-quay-fire", { token: admin });
    expect(imported.json.comments ?? "off").toBe("off");
    expect(imported.json.contributions ?? null).toBeNull();
  });

  it.each([
    ["a sender's address key", { addressKey: "abc" }, 0, "comments[0].addressKey"],
    ["a reply to no comment here", { parentId: "0000000000000000z" }, 1, "comments[1].parentId"],
    ["words too long", { text: "x".repeat(2001) }, 2, "comments[2].text"],
    ["a rejected status", { status: "rejected" }, 0, "comments[0].status"],
  ])("refuses a comment carrying %s, naming it", async (_what, change, at, field) => {
    const comments = document.comments.map((c: object, i: number) =>
      i === at ? { ...c, ...change } : c,
    );
    const answer = await importDocument({
      ...document,
      blog: { ...document.blog, id: "hostileblog1", slug: "hostile-quay-fire" },
      comments,
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({ code: "import_invalid", field });
    const made = await target.api("GET", "/api/blogs/hostile-quay-fire", { token: admin });
    expect(made.status).toBe(404);
  });
});
