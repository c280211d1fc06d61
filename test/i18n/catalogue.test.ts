// The message files themselves, before any page: no translation keeps an English word of the
// interface in its own words (in any plural form), beyond the words its language shares with
// English. The rendered pages are checked in reader-languages.test.ts.

import { describe, expect, it } from "vitest";
import { catalogue, SHIPPED_LANGUAGES } from "../../src/reader/i18n/messages.js";
import {
  englishFragments,
  literalText,
  NAMES_IN_EVERY_LANGUAGE,
  SHARED_WORDS,
  wordsOf,
} from "./coverage-in.js";

const englishWords = new Set(englishFragments().flatMap(wordsOf));

function englishIn(message: string, language: string): string[] {
  const shared = [...NAMES_IN_EVERY_LANGUAGE, ...(SHARED_WORDS[language] ?? [])];
  return wordsOf(literalText(message, language)).filter(
    (word) => englishWords.has(word) && !shared.includes(word),
  );
}

describe.each(SHIPPED_LANGUAGES.filter((language) => language !== "en"))(
  "the %s message file",
  (language) => {
    it("keeps no English interface word in any message", () => {
      const left = Object.entries(catalogue(language)).flatMap(([key, message]) =>
        englishIn(message, language).map((word) => `${key}: ${word}`),
      );
      expect(left).toEqual([]);
    });
  },
);

describe("the check itself", () => {
  it("finds an English word left in a translation, in a plural form too", () => {
    expect(englishIn("Обновлено {time}, Share", "ru")).toEqual(["share"]);
    expect(
      englishIn(
        "{count, plural, one {# голос} few {# голоса} many {# votes} other {# голоса}}",
        "ru",
      ),
    ).toEqual(["votes"]);
    // A hole's name is not a word of the message.
    expect(englishIn("Обновлено {time}", "ru")).toEqual([]);
  });
});
