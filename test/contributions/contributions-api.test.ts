// Readers' contributions over real HTTP on SQLite and PostgreSQL: off until a blog switches
// them on; the challenge checked (unsolved, forged, another blog's, used twice); a new one
// reaches editors' desk streams live and the queue, and nothing of it is public; answering
// needs a published post; a rejected one never shows anywhere; erasing personal data on
// request (audited) and at the end of the retention period with a controlled clock; the
// address kept only as a keyed hash; a blocked sender refused; a flood answered 429.

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContributionChallenges } from "../../src/core/operations/contribution-challenge.js";
import { eraseLapsedContributorData } from "../../src/core/operations/contributions.js";
import { DiskMediaStore } from "../../src/media/disk-media-store.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse } from "../helpers/sse.js";
import { contribute, solve, solvedChallenge, wrongNonce } from "./reader.js";

const DAY = 24 * 60 * 60 * 1000;

function contributionSuite(backend: "sqlite" | "postgres") {
  let server: TestServer;
  let database: TestDatabase | undefined;
  let editor: string;
  let admin: string;
  const slug = `ask-${backend}`;
  const other = `other-${backend}`;

  const queue = async (status = "new") =>
    (
      await server.api("GET", `/api/blogs/${slug}/contributions?status=${status}`, {
        token: editor,
      })
    ).json.contributions as { id: string; text: string; status: string; contact: string | null }[];

  /** Every public surface of the blog, as one string. */
  async function everythingPublic(): Promise<string> {
    const paths = [
      `/live/${slug}`,
      `/live/${slug}/embed`,
      `/live/${slug}/lite`,
      `/live/${slug}/feed.atom`,
      `/live/${slug}/feed.json`,
      `/api/blogs/${slug}/posts`,
      `/api/blogs/${slug}/changes?since=0`,
      `/api/blogs/${slug}`,
    ];
    const bodies = await Promise.all(
      paths.map(async (p) => {
        const response = await fetch(`${server.url}${p}`);
        expect(response.status, p).toBe(200);
        return response.text();
      }),
    );
    return bodies.join("\n");
  }

  beforeAll(async () => {
    database = backend === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer({
      ...(database ? { databaseUrl: database.url } : {}),
      env: { CONTRIBUTIONS_PER_HOUR: "1000", CONTRIBUTION_CHALLENGE_BITS: "12" },
    });
    editor = await server.tokenFor("editor");
    admin = await server.tokenFor("admin");
    for (const s of [slug, other]) {
      const made = await server.api("POST", "/api/blogs", {
        token: editor,
        body: { slug: s, title: "Storm coverage" },
      });
      expect(made.status).toBe(201);
    }
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it("takes none until the blog is switched on, then says so in its JSON", async () => {
    const blog = await server.api("GET", `/api/blogs/${slug}`);
    expect(blog.json.contributions).toBeNull();
    const challenge = await server.api("GET", `/api/blogs/${slug}/contributions/challenge`);
    expect(challenge.status).toBe(403);
    expect(challenge.json.error.code).toBe("contributions_closed");
    const sent = await server.api("POST", `/api/blogs/${slug}/contributions`, {
      body: { kind: "question", text: "Hello?", name: "Ana", challenge: "x", nonce: "1" },
    });
    expect(sent.status).toBe(403);
    expect(sent.json.error.code).toBe("contributions_closed");

    for (const s of [slug, other]) {
      const on = await server.api("PATCH", `/api/blogs/${s}`, {
        token: editor,
        body: { contributions: { enabled: true, prompt: "Are you near the river?" } },
      });
      expect(on.status).toBe(200);
      expect(on.json.contributions).toEqual({ enabled: true, prompt: "Are you near the river?" });
    }
    const bad = await server.api("PATCH", `/api/blogs/${slug}`, {
      token: editor,
      body: { contributions: { enabled: "yes" } },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.field).toBe("contributions.enabled");
  });

  it("checks the challenge: missing, unsolved, forged, another blog's, and used twice", async () => {
    const body = { kind: "question", text: "Is the bridge shut?", name: "Ana" };
    const post = (extra: Record<string, unknown>) =>
      server.api("POST", `/api/blogs/${slug}/contributions`, { body: { ...body, ...extra } });

    const missing = await post({});
    expect(missing.status).toBe(422);
    expect(missing.json.error.field).toBe("challenge");

    const { challenge, difficulty } = (
      await server.api("GET", `/api/blogs/${slug}/contributions/challenge`)
    ).json;
    expect(difficulty).toBe(12);
    const unsolved = await post({ challenge, nonce: wrongNonce(challenge, difficulty) });
    expect(unsolved.status).toBe(422);
    expect(unsolved.json.error).toMatchObject({ code: "challenge_unsolved", field: "nonce" });

    // A challenge of the reader's own making, solved, is still not the server's.
    const forged = challenge.replace(/^[^~]+/, "someotherblog");
    const forgedAnswer = await post({ challenge: forged, nonce: solve(forged, difficulty) });
    expect(forgedAnswer.status).toBe(422);
    expect(forgedAnswer.json.error).toMatchObject({
      code: "challenge_invalid",
      field: "challenge",
    });

    const elsewhere = await solvedChallenge(server, other);
    const wrongBlog = await post(elsewhere);
    expect(wrongBlog.status).toBe(422);
    expect(wrongBlog.json.error.code).toBe("challenge_invalid");

    const nonce = solve(challenge, difficulty);
    const first = await post({ challenge, nonce });
    expect(first.status).toBe(201);
    expect(Object.keys(first.json).sort()).toEqual(["id", "receivedAt"]);
    const again = await post({ challenge, nonce });
    expect(again.status).toBe(403);
    expect(again.json.error).toMatchObject({ code: "challenge_used", field: "challenge" });
    expect((await queue()).filter((c) => c.text === body.text)).toHaveLength(1);
  });

  it("refuses a challenge past its expiry", async () => {
    // Issued by the server's own signer (the secret is kept in its database) a quarter of an
    // hour and a minute ago: genuine, solved, and too old.
    const then = {
      store: server.dispatch.store,
      clock: { now: () => new Date(Date.now() - 16 * 60_000) },
    };
    const blog = await server.dispatch.store.findBlogBySlug(slug);
    const old = await new ContributionChallenges(then, 12).issue(blog?.id ?? "");
    const late = await server.api("POST", `/api/blogs/${slug}/contributions`, {
      body: {
        kind: "question",
        text: "Still there?",
        name: "Ana",
        challenge: old.challenge,
        nonce: solve(old.challenge, old.difficulty),
      },
    });
    expect(late.status).toBe(422);
    expect(late.json.error).toMatchObject({ code: "challenge_expired", field: "challenge" });
  });

  it("refuses bad fields with the field at fault", async () => {
    const long = await contribute(server, slug, { text: "x".repeat(2001) });
    expect(long.status).toBe(422);
    expect(long.json.error.field).toBe("text");
    const kind = await contribute(server, slug, { kind: "rumour", text: "Hm" });
    expect(kind.status).toBe(422);
    expect(kind.json.error.field).toBe("kind");
  });

  it("reaches the editors' desk live and the queue, and nothing of it is public", async () => {
    const desk = await connectSse(`${server.url}/api/blogs/${slug}/desk`, {
      authorization: `Bearer ${editor}`,
    });
    try {
      const sent = await contribute(server, slug, {
        kind: "eyewitness",
        text: "Water is over the quay wall at Pier 4",
        name: "Harbour watcher",
        contact: "watcher@example.org",
      });
      expect(sent.status).toBe(201);
      const arrived = await waitFor(() =>
        desk.events.find((e) => e.event === "contribution" && e.data.includes("Pier 4")),
      );
      const json = JSON.parse(arrived.data);
      expect(json).toMatchObject({
        id: sent.json.id,
        kind: "eyewitness",
        name: "Harbour watcher",
        contact: "watcher@example.org",
        status: "new",
      });
      expect(json).not.toHaveProperty("sender");
    } finally {
      desk.close();
    }
    const listed = (await queue()).find((c) => c.text.includes("Pier 4"));
    expect(listed?.contact).toBe("watcher@example.org");
    const reporter = await server.tokenFor("reporter");
    const refused = await server.api("GET", `/api/blogs/${slug}/contributions`, {
      token: reporter,
    });
    expect(refused.status).toBe(403);
    const shown = await everythingPublic();
    expect(shown).not.toContain("Pier 4");
    expect(shown).not.toContain("watcher@example.org");
  });

  it("keeps the address only as a keyed hash", async () => {
    const sent = await contribute(server, slug, { text: "Where is the shelter?" });
    const stored = await server.dispatch.store.findContribution(
      (await server.dispatch.store.findBlogBySlug(slug))?.id ?? "",
      sent.json.id,
    );
    expect(stored?.sender).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(stored?.sender).not.toContain("127.0.0.1");
  });

  it("is answered by a published post, once", async () => {
    const sent = await contribute(server, slug, {
      text: "When do schools reopen?",
      name: "Parent",
    });
    const draft = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: { status: "draft", blocks: [paragraph("Not yet")] },
    });
    const early = await server.api(
      "POST",
      `/api/blogs/${slug}/contributions/${sent.json.id}/answer`,
      { token: editor, body: { postId: draft.json.id } },
    );
    expect(early.status).toBe(422);
    expect(early.json.error.field).toBe("postId");

    const answer = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: {
        title: "Your questions answered",
        blocks: [
          { type: "quote", text: "When do schools reopen?", cite: "Parent" },
          paragraph("On Monday, the council says."),
        ],
      },
    });
    expect(answer.status).toBe(201);
    const answered = await server.api(
      "POST",
      `/api/blogs/${slug}/contributions/${sent.json.id}/answer`,
      { token: editor, body: { postId: answer.json.id } },
    );
    expect(answered.status).toBe(200);
    expect(answered.json).toMatchObject({ status: "answered", answerPostId: answer.json.id });
    const twice = await server.api(
      "POST",
      `/api/blogs/${slug}/contributions/${sent.json.id}/reject`,
      { token: editor },
    );
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe("contribution_decided");
    expect((await queue("answered")).map((c) => c.id)).toContain(sent.json.id);
    expect((await queue()).map((c) => c.id)).not.toContain(sent.json.id);
  });

  it("never shows a rejected contribution on a public surface", async () => {
    const sent = await contribute(server, slug, {
      text: "Spam spam buy followers at spam.example",
    });
    const rejected = await server.api(
      "POST",
      `/api/blogs/${slug}/contributions/${sent.json.id}/reject`,
      { token: editor },
    );
    expect(rejected.json.status).toBe("rejected");
    expect(await everythingPublic()).not.toContain("spam.example");
    expect((await queue()).map((c) => c.id)).not.toContain(sent.json.id);
  });

  it("erases the sender's personal data on request, audited", async () => {
    const sent = await contribute(server, slug, {
      text: "Roof gone on Elm Street",
      contact: "+44 7700 900123",
    });
    const erased = await server.api(
      "DELETE",
      `/api/blogs/${slug}/contributions/${sent.json.id}/personal-data`,
      { token: admin },
    );
    expect(erased.status).toBe(200);
    expect(erased.json.contact).toBeNull();
    expect(erased.json.personalDataErasedAt).toEqual(expect.any(String));
    expect(erased.json.text).toBe("Roof gone on Elm Street");
    const blogId = (await server.dispatch.store.findBlogBySlug(slug))?.id ?? "";
    const stored = await server.dispatch.store.findContribution(blogId, sent.json.id);
    expect(stored).toMatchObject({ contact: null, sender: null });
    const audit = await server.api("GET", "/api/audit?action=contribution.erase", {
      token: admin,
    });
    expect(JSON.stringify(audit.json)).toContain(sent.json.id);
    expect(JSON.stringify(audit.json)).not.toContain("7700");
    // Nothing is left to block the sender by.
    const block = await server.api(
      "POST",
      `/api/blogs/${slug}/contributions/${sent.json.id}/block`,
      { token: editor },
    );
    expect(block.status).toBe(409);
  });

  it("erases contact and address hash once the retention period ends", async () => {
    const sent = await contribute(server, slug, {
      text: "Power is out on Mill Lane",
      contact: "mill@example.org",
    });
    const { store } = server.dispatch;
    const blogId = (await store.findBlogBySlug(slug))?.id ?? "";
    const at = (days: number) => ({
      store,
      clock: { now: () => new Date(Date.now() + days * DAY) },
    });
    const media = new DiskMediaStore(path.join(server.dataDir, "media"));
    await eraseLapsedContributorData(at(29), 30, media);
    expect((await store.findContribution(blogId, sent.json.id))?.contact).toBe("mill@example.org");
    expect(await eraseLapsedContributorData(at(31), 30, media)).toBeGreaterThanOrEqual(1);
    const after = await store.findContribution(blogId, sent.json.id);
    expect(after).toMatchObject({ contact: null, sender: null, text: "Power is out on Mill Lane" });
    expect(after?.erasedAt).toEqual(expect.any(String));
  });

  // Last: it blocks this test's own address.
  it("refuses a blocked sender with a stable code", async () => {
    const sent = await contribute(server, slug, { text: "Abuse" });
    const blocked = await server.api(
      "POST",
      `/api/blogs/${slug}/contributions/${sent.json.id}/block`,
      { token: editor },
    );
    expect(blocked.status).toBe(200);
    expect(blocked.json).toMatchObject({ senderBlocked: true, status: "rejected" });
    const next = await contribute(server, slug, { text: "More abuse" });
    expect(next.status).toBe(403);
    expect(next.json.error.code).toBe("sender_blocked");
    expect(JSON.stringify(await queue("all"))).not.toContain("More abuse");
  });
}

async function waitFor<T>(find: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() - started > timeoutMs) throw new Error("Timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("contributions on SQLite", () => contributionSuite("sqlite"));
describe("contributions on PostgreSQL", () => contributionSuite("postgres"));

describe("a flood from one address", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      env: { CONTRIBUTIONS_PER_HOUR: "3", CONTRIBUTION_CHALLENGE_BITS: "10" },
    });
    const editor = await server.tokenFor("editor");
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "flood", title: "Flood" },
    });
    await server.api("PATCH", "/api/blogs/flood", {
      token: editor,
      body: { contributions: { enabled: true } },
    });
  }, 60_000);

  afterAll(() => server?.close());

  it("is answered 429 with Retry-After past the hourly limit", async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof contribute>> | undefined;
    for (let i = 0; i < 5; i++) {
      last = await contribute(server, "flood", { text: `Message ${i}` });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(last?.json.error.code).toBe("too_many_attempts");
    const wait = Number(last?.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(3600);
  });
});
