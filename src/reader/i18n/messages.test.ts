// The message files a translator edits: every shipped language says everything English
// says, in messages that parse, fill the same holes, give each plural every form the
// language has, and are actually translated.

import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { browserMessages } from "./browser.js";
import { catalogue, readerLanguage, SHIPPED_LANGUAGES, t } from "./messages.js";

// Where a translation may rightly read as the English does. Kept short: each is a word the
// other language shares with English, not an untranslated one.
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {};

interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
}
const ARGUMENT_TYPES = new Set([1, 2, 3, 4, 5, 6]);
const PLURAL = 6;

function walk(elements: readonly Element[], visit: (element: Element) => void): void {
  for (const element of elements) {
    visit(element);
    for (const option of Object.values(element.options ?? {})) walk(option.value, visit);
  }
}

function argumentsOf(message: string, language: string): string[] {
  const names = new Set<string>();
  const ast = new IntlMessageFormat(message, language).getAst() as unknown as Element[];
  walk(ast, (element) => {
    if (ARGUMENT_TYPES.has(element.type) && element.value) names.add(element.value);
  });
  return [...names].sort();
}

function pluralsOf(message: string, language: string): Element[] {
  const found: Element[] = [];
  const ast = new IntlMessageFormat(message, language).getAst() as unknown as Element[];
  walk(ast, (element) => {
    if (element.type === PLURAL) found.push(element);
  });
  return found;
}

const english = catalogue("en");

describe.each(SHIPPED_LANGUAGES.filter((language) => language !== "en"))(
  "the %s message file",
  (language) => {
    const messages = catalogue(language);
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;

    it("has exactly English's keys", () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    });

    it.each(Object.keys(english))("%s parses and fills the holes English fills", (key) => {
      const message = messages[key] ?? "";
      expect(argumentsOf(message, language)).toEqual(argumentsOf(english[key] ?? "", "en"));
    });

    it("gives each plural every form the language has, and no form it lacks", () => {
      for (const [key, message] of Object.entries(messages)) {
        for (const plural of pluralsOf(message, language)) {
          const forms = Object.keys(plural.options ?? {}).filter((form) => !form.startsWith("="));
          expect(forms.sort(), `${key} in ${language}`).toEqual([...categories].sort());
        }
      }
    });

    it("is translated: no message reads as the English one", () => {
      const allowed = SAME_AS_ENGLISH[language] ?? [];
      const same = Object.keys(english).filter(
        (key) => messages[key] === english[key] && !allowed.includes(key),
      );
      expect(same).toEqual([]);
    });
  },
);

describe("choosing and using a message file", () => {
  it("reads a blog's tag by its primary subtag, and English for a language not shipped", () => {
    expect(readerLanguage("ru-RU")).toBe("ru");
    expect(readerLanguage("AR")).toBe("ar");
    expect(readerLanguage("uk_UA")).toBe("uk");
    expect(readerLanguage("de-DE")).toBe("en");
    expect(t("de-DE", "page.noUpdates")).toBe("No updates yet.");
  });

  it("picks the plural form the number calls for", () => {
    expect(t("ru", "stream.newUpdates", { count: 1 })).toBe("1 новое обновление");
    expect(t("ru-RU", "stream.newUpdates", { count: 3 })).toBe("3 новых обновления");
    expect(t("ru", "stream.newUpdates", { count: 5 })).toBe("5 новых обновлений");
    expect(t("uk", "stream.newUpdates", { count: 21 })).toBe("21 нове оновлення");
    expect(t("ar", "stream.newUpdates", { count: 2 })).toBe("تحديثان جديدان");
    expect(t("en-GB", "stream.newUpdates", { count: 2 })).toBe("2 new updates");
  });

  it("hands the browser every form of a plural, the number left as #", () => {
    const ru = browserMessages("ru-RU");
    expect(ru["stream.newUpdates"]).toEqual({
      one: "# новое обновление",
      few: "# новых обновления",
      many: "# новых обновлений",
      other: "# нового обновления",
    });
    expect(ru["post.updateAt"]).toBe("Обновление в {time}");
  });
});
