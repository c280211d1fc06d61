// A blog's language changed on either backend: its posts' stored HTML (a gallery's label and
// buttons, an embed's button) is rendered again in the new language in the same change, drafts
// too, and nothing readers are told of as an edit changes (version, time).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { createBlog, updateBlog } from "../../src/core/operations/blogs.js";
import { publishPost } from "../../src/core/operations/posts.js";
import type { Newsroom } from "../../src/core/ports.js";
import type { Actor } from "../../src/core/user.js";
import { blockWordsFor } from "../../src/reader/i18n/block-words.js";
import { InProcessBroadcaster } from "../../src/realtime/in-process-broadcaster.js";
import { type DatabaseStore, openStore } from "../../src/store/index.js";
import { makeUser } from "../helpers/factories.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { tempSqliteStore } from "../helpers/temp-store.js";
import { blocksWithWords, NEWSROOMS } from "./coverage-in.js";

const backends = {
  sqlite: async () => {
    const temp = await tempSqliteStore("dispatch-language-");
    return { store: temp.store, close: temp.remove };
  },
  postgres: async () => {
    const database: TestDatabase = await createTestDatabase();
    const store = await openStore({ dataDir: "", databaseUrl: database.url });
    await store.migrate();
    return {
      store,
      close: async () => {
        await store.close();
        await database.drop();
      },
    };
  },
};

describe.each(Object.keys(backends) as (keyof typeof backends)[])("on %s", (backend) => {
  let store: DatabaseStore;
  let close: () => Promise<void>;
  let newsroom: Newsroom;
  let actor: Actor;
  beforeAll(async () => {
    ({ store, close } = await backends[backend]());
    newsroom = {
      store,
      broadcaster: new InProcessBroadcaster(),
      clock: systemClock,
      blockWords: blockWordsFor,
    };
    const user = makeUser({ role: "editor" });
    await store.insertUser(user);
    actor = { id: user.id, name: user.name, role: "editor" };
  });
  afterAll(async () => {
    await newsroom?.broadcaster.close();
    await close?.();
  });

  it("renders the posts' words again in the blog's new language", async () => {
    const room = NEWSROOMS.uk;
    if (!room) throw new Error("uk");
    const blog = await createBlog(newsroom, actor, { slug: "povin", title: room.title });
    const blocks = blocksWithWords(room);
    const { post } = await publishPost(newsroom, actor, blog.slug, { blocks });
    const { post: draft } = await publishPost(newsroom, actor, blog.slug, {
      blocks,
      status: "draft",
    });
    expect(post.html).toContain('aria-label="Previous image"');
    expect(post.html).toContain("Load YouTube video from YouTube");
    expect(post.html).toContain('<p class="poll-status">Voting closed</p>');

    await updateBlog(newsroom, actor, blog.slug, { language: "uk-UA" });
    for (const before of [post, draft]) {
      const after = await store.findPost(blog.id, before.id);
      expect(after?.html).toContain('aria-label="Попереднє зображення"');
      expect(after?.html).toContain("Завантажити «Відео YouTube» із сайту YouTube");
      expect(after?.html).toContain('aria-label="Галерея, 3 зображення: ');
      expect(after?.html).toContain('<p class="poll-status">Голосування закрито</p>');
      expect(after?.html).toContain('<p class="poll-closes">Голосування до <time datetime=');
      expect(after?.html).not.toMatch(/Previous image|Load |Gallery|Voting closed/);
      expect(after?.version).toBe(before.version);
      expect(after?.updatedAt).toBe(before.updatedAt);
    }
    // A post published now is written in the new language from the start.
    const { post: later } = await publishPost(newsroom, actor, blog.slug, { blocks });
    expect(later.html).toContain("Наступне зображення");

    await updateBlog(newsroom, actor, blog.slug, { language: "en" });
    expect((await store.findPost(blog.id, post.id))?.html).toBe(post.html);

    // A new zone: the open poll's closing time (18:00 UTC) is written again on Tokyo's clock.
    expect(post.html).toMatch(/<p class="poll-closes">Closes at <time [^>]+>[^<]*18:00 UTC</);
    await updateBlog(newsroom, actor, blog.slug, { timezone: "Asia/Tokyo" });
    const moved = await store.findPost(blog.id, post.id);
    expect(moved?.html).toMatch(/<p class="poll-closes">Closes at <time [^>]+>[^<]*03:00 GMT\+9</);
    expect(moved?.version).toBe(post.version);
  });
});
