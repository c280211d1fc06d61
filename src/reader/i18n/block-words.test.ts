// The words a post's stored HTML carries, from the message files: English exactly as the HTML
// has always read, and every embed's kind and every gallery size titled in each language.

import { describe, expect, it } from "vitest";
import { englishBlockWords } from "../../core/content/block-words.js";
import { recognizeEmbed } from "../../core/content/embeds.js";
import { blockWordsFor } from "./block-words.js";
import { SHIPPED_LANGUAGES } from "./messages.js";

// One link per kind an embed can be (video, post, map, chart, data story, audio).
const EMBEDS = [
  "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  "https://t.me/floodnews/4521",
  "https://www.openstreetmap.org/?mlat=51.5&mlon=-0.1#map=12/51.5/-0.1",
  "https://datawrapper.dwcdn.net/AbCd1/1/",
  "https://public.flourish.studio/story/123456/",
  "https://soundcloud.com/newsroom/flood-report",
];

describe("a post's block words", () => {
  it("keep English as it was, for an English blog and a language not shipped", () => {
    expect(blockWordsFor("en-GB")).toBe(englishBlockWords);
    expect(blockWordsFor("de")).toBe(englishBlockWords);
  });

  it.each(SHIPPED_LANGUAGES.filter((language) => language !== "en"))(
    "title every kind of embed and every gallery in %s",
    (language) => {
      const words = blockWordsFor(language);
      const kinds = new Set<string>();
      for (const url of EMBEDS) {
        const embed = recognizeEmbed(url);
        if (embed.provider === "link") throw new Error(`${url} is not recognised`);
        kinds.add(embed.kind);
        const title = words.embedTitle(embed);
        expect(title).not.toBe(embed.title);
        expect(title).not.toMatch(/\b(?:video|post|map|chart|story)\b/i);
      }
      expect(kinds.size).toBe(6);
      for (let count = 2; count <= 20; count++) {
        // Arabic's dual names no number ("صورتان"), so only the English is looked for.
        expect(words.gallery(count)).not.toMatch(/\bgallery\b/i);
      }
      expect(words.previousImage).not.toBe(englishBlockWords.previousImage);
      expect(words.votingClosed).not.toBe(englishBlockWords.votingClosed);
      expect(words.votingClosed).not.toMatch(/\b(?:voting|closed)\b/i);
    },
  );
});
