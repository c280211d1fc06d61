// The media library's part of the Store contract (contract.ts runs it on every backend):
// finding uploads by the words of their file name, alt text, caption, credit and uploader in
// any case, every word needed; newest first, paged without skipping or repeating; a change
// of words changing what finds them; and which uploads are still shown (a takedown's check).

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { versionOf } from "../../src/core/corrections.js";
import { newId } from "../../src/core/ids.js";
import type { MediaItem } from "../../src/core/media.js";
import { searchWords } from "../../src/core/search.js";
import type { DatabaseStore } from "../../src/store/index.js";
import { makeBlog, makePost, makeUser } from "../helpers/factories.js";

const AT = Date.parse("2026-11-28T10:00:00.000Z");
const minutes = (m: number) => new Date(AT + m * 60_000).toISOString();

export function describeMediaContract(fixture: { store(): DatabaseStore }): void {
  describe("media library", () => {
    /** A word no other test's uploads hold, so tests sharing the database never collide. */
    const tag = () => `t${randomBytes(5).toString("hex")}`;

    const item = (m: number, overrides: Partial<MediaItem> = {}): MediaItem => {
      const id = newId(AT + m * 60_000);
      return {
        id,
        src: `/media/u/${id}/1600.jpg`,
        width: 1600,
        height: 900,
        fileName: "",
        uploaderId: null,
        uploaderName: "Amira Haddad",
        createdAt: minutes(m),
        updatedAt: minutes(m),
        alt: "",
        caption: "",
        credit: "",
        ...overrides,
      };
    };

    const find = async (q: string, extra: { before?: string; limit?: number } = {}) =>
      (await fixture.store().listMedia({ words: searchWords(q), limit: 50, ...extra })).map(
        (m) => m.id,
      );

    it("keeps an upload as it was given", async () => {
      const stored = item(1, { fileName: `${tag()}.png`, alt: "A fire engine", credit: "AP" });
      await fixture.store().insertMedia(stored);
      expect(await fixture.store().findMedia(stored.id)).toEqual(stored);
      expect(await fixture.store().findMedia("no-such-id")).toBeUndefined();
    });

    it("finds uploads by any of their words, in any case, every word needed", async () => {
      const t = tag();
      const byName = item(1, { fileName: `${t}-Harbour_Fire.JPG` });
      const byCaption = item(2, { caption: `${t} Smoke over the HARBOUR`, credit: "Rui Reporter" });
      const byAlt = item(3, { alt: `${t} Firefighters at the quay` });
      const byUploader = item(4, { caption: t, uploaderName: "Bo Lindqvist" });
      for (const m of [byName, byCaption, byAlt, byUploader]) await fixture.store().insertMedia(m);

      expect(await find(t)).toEqual([byUploader.id, byAlt.id, byCaption.id, byName.id]);
      expect(await find(`${t} harbour`)).toEqual([byCaption.id, byName.id]);
      expect(await find(`${t.toUpperCase()} REPORTER`)).toEqual([byCaption.id]);
      expect(await find(`${t} quay`)).toEqual([byAlt.id]);
      expect(await find(`${t} lindqvist`)).toEqual([byUploader.id]);
      expect(await find(`${t} harbour quay`)).toEqual([]);
      // LIKE's own characters are words like any other.
      expect(await find(`${t} %`)).toEqual([]);
      expect(await find(`${t} _`)).toEqual([byName.id]);
    });

    it("lists newest first and pages without skipping or repeating", async () => {
      const t = tag();
      const items = [5, 6, 6, 7, 8].map((m) => item(m, { credit: t }));
      for (const m of items) await fixture.store().insertMedia(m);
      const all = [...items]
        .sort((a, b) =>
          a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
        )
        .map((m) => m.id);
      const first = await find(t, { limit: 2 });
      expect(first).toEqual(all.slice(0, 2));
      const second = await find(t, { limit: 2, before: first[1] });
      expect(second).toEqual(all.slice(2, 4));
      expect(await find(t, { limit: 2, before: second[1] })).toEqual(all.slice(4));
    });

    it("finds an upload by its new words once they change, and no longer by the old", async () => {
      const t = tag();
      const stored = item(9, { caption: `${t} Old caption` });
      await fixture.store().insertMedia(stored);
      await fixture.store().updateMedia({
        ...stored,
        caption: `${t} Curfew notice`,
        credit: "City council",
        updatedAt: minutes(10),
      });
      expect(await find(`${t} old`)).toEqual([]);
      expect(await find(`${t} council`)).toEqual([stored.id]);
      expect(await fixture.store().findMedia(stored.id)).toMatchObject({
        caption: `${t} Curfew notice`,
        credit: "City council",
        updatedAt: minutes(10),
      });
    });

    it("tells which uploads a standing post, its history, a blog's lead or hero or a person's picture shows", async () => {
      const store = fixture.store();
      const [inPost, inDeleted, inHistory, inHero, inLead, unused, inAvatar, inByline] = [
        1, 2, 3, 4, 5, 6, 7, 8,
      ].map((m) => newId(AT + m)) as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const image = (id: string) => ({
        type: "image" as const,
        src: `/media/u/${id}/960.jpg`,
        alt: "",
      });
      const author = makeUser({ avatar: `/media/u/${inAvatar}/480.jpg` });
      await store.insertUser(author);
      const blog = makeBlog({
        hero: { src: `https://news.example/media/u/${inHero}/1600.jpg`, alt: "" },
        intro: [image(inLead)],
      });
      await store.insertBlog(blog);
      const standing = makePost(blog, author, {
        blocks: [image(inPost)],
        bylines: [{ name: "Guest Writer", kind: "person", avatar: `/media/u/${inByline}/480.jpg` }],
      });
      await store.insertPost(standing);
      await store.insertPost(
        makePost(blog, author, { blocks: [image(inDeleted)], deletedAt: minutes(1) }),
      );
      await store.insertPostVersion(
        versionOf({ ...standing, blocks: [image(inHistory)] }, newId(), minutes(2), undefined),
      );
      // An id that begins another's is not that one.
      const prefix = inPost.slice(0, -1);
      const used = await store.uploadsInUse([
        inPost,
        inDeleted,
        inHistory,
        inHero,
        inLead,
        unused,
        prefix,
        inAvatar,
        inByline,
      ]);
      expect([...used].sort()).toEqual(
        [inPost, inHistory, inHero, inLead, inAvatar, inByline].sort(),
      );

      const forgotten = item(11);
      await store.insertMedia(forgotten);
      await store.deleteMedia(forgotten.id);
      expect(await store.findMedia(forgotten.id)).toBeUndefined();
    });
  });
}
