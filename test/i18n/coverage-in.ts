// Coverage written in each shipped language, for the tests that look for English left on a
// reader's screen: everything the newsroom writes (titles, posts, names, figures, notes) is
// in the blog's own language, so any English on the page is the interface's.

import { IntlMessageFormat } from "intl-messageformat";
import { expect } from "vitest";
import { catalogue } from "../../src/reader/i18n/messages.js";
import { paragraph, type TestServer } from "../helpers/server.js";

/**
 * Words a language shares with English's interface words, spelled the same: French says
 * "Source", "Version", "Image", "Photo", "Message", "Question", "Audio", "Notifications" and
 * "Site" as English does ("pour le moment" too), and "Comment" ("how") is its own word; Spanish "Editor", "Local" and
 * "Audio".
 */
export const SHARED_WORDS: Record<string, readonly string[]> = {
  fr: [
    "source",
    "version",
    "versions",
    "image",
    "images",
    "vote",
    "votes",
    "message",
    "messages",
    "question",
    "comment",
    "photo",
    "audio",
    "notifications",
    "site",
    "moment",
  ],
  es: ["editor", "local", "audio"],
};

export interface Newsroom {
  language: string;
  timezone: string;
  title: string;
  summary: string;
  intro: string;
  postTitle: string;
  /** A report, numbered; holds `searchWord`. */
  report: (n: number) => string;
  searchWord: string;
  writer: string;
  agency: string;
  figure: { label: string; unit: string; source: string };
  correction: string;
  sourceLine: string;
  verificationNote: string;
  /** A photo's description, for a gallery's images. */
  photo: string;
}

export const NEWSROOMS: Record<string, Newsroom> = {
  ru: {
    language: "ru-RU",
    timezone: "Europe/Moscow",
    title: "Наводнение в Якутске",
    summary: "Хроника событий",
    intro: "Уровень воды растёт.",
    postTitle: "Сообщение о ситуации",
    report: (n) => `Спасатели работают на месте, сводка ${n}.`,
    searchWord: "спасатели",
    writer: "Анна Репортёрова",
    agency: "ТАСС",
    figure: { label: "Эвакуированы", unit: "человек", source: "МЧС" },
    correction: "Ранее число было указано неверно.",
    sourceLine: "по данным ТАСС",
    verificationNote: "Видео проверяется",
    photo: "Затопленная улица",
  },
  uk: {
    language: "uk-UA",
    timezone: "Europe/Kyiv",
    title: "Повінь у Херсоні",
    summary: "Хроніка подій",
    intro: "Рівень води зростає.",
    postTitle: "Повідомлення про ситуацію",
    report: (n) => `Рятувальники працюють на місці, зведення ${n}.`,
    searchWord: "рятувальники",
    writer: "Олена Кореспондентка",
    agency: "Укрінформ",
    figure: { label: "Евакуйовано", unit: "осіб", source: "ДСНС" },
    correction: "Раніше число було вказано хибно.",
    sourceLine: "за даними Укрінформу",
    verificationNote: "Відео перевіряється",
    photo: "Затоплена вулиця",
  },
  ar: {
    language: "ar",
    timezone: "Africa/Cairo",
    title: "فيضانات في الخرطوم",
    summary: "تغطية مباشرة للأحداث",
    intro: "منسوب المياه يرتفع.",
    postTitle: "خبر عن الوضع",
    report: (n) => `فرق الإنقاذ تعمل في الموقع، الحصيلة ${n}.`,
    searchWord: "الإنقاذ",
    writer: "ليلى المراسلة",
    agency: "وكالة الأنباء",
    figure: { label: "تم إجلاؤهم", unit: "شخص", source: "الدفاع المدني" },
    correction: "كان الرقم السابق خاطئًا.",
    sourceLine: "وفق وكالة الأنباء",
    verificationNote: "يجري التحقق من الفيديو",
    photo: "شارع غمرته المياه",
  },
  fr: {
    language: "fr-FR",
    timezone: "Europe/Paris",
    title: "Inondations à Lyon",
    summary: "Le fil des événements",
    intro: "Le niveau de l’eau monte.",
    postTitle: "Point de situation",
    report: (n) => `Les secours sont sur place, bilan ${n}.`,
    searchWord: "secours",
    writer: "Claire Journaliste",
    agency: "AFP",
    figure: { label: "Évacués", unit: "personnes", source: "Préfecture" },
    correction: "Le chiffre précédent était erroné.",
    sourceLine: "selon l’AFP",
    verificationNote: "Vidéo en cours de vérification",
    photo: "Une rue inondée",
  },
  es: {
    language: "es-ES",
    timezone: "Europe/Madrid",
    title: "Inundaciones en Valencia",
    summary: "Crónica de los hechos",
    intro: "El nivel del agua sube.",
    postTitle: "Situación actual",
    report: (n) => `Los equipos de rescate trabajan en la zona, balance ${n}.`,
    searchWord: "rescate",
    writer: "Lucía Periodista",
    agency: "EFE",
    figure: { label: "Evacuados", unit: "personas", source: "Protección Civil" },
    correction: "La cifra anterior era errónea.",
    sourceLine: "según EFE",
    verificationNote: "Vídeo en verificación",
    photo: "Una calle inundada",
  },
};

export interface BuiltCoverage {
  slug: string;
  corrected: string;
  /** A day before today in the blog's zone, with posts: "2026-12-06". */
  earlierDay: string;
}

/**
 * A live blog in the newsroom's language with everything its reader's interface labels:
 * ad slots, the contribution form, pre-moderated comments with one approved, a pinned post,
 * an untitled key event, a corrected post, a post with a source line and a verification
 * badge and two bylines, key figures with an earlier value, posts on two days and more than
 * one page of them.
 */
export async function buildCoverage(
  server: TestServer,
  room: Newsroom,
  slug: string,
  posts = 54,
): Promise<BuiltCoverage> {
  const editor = await server.userFor("editor", room.writer);
  const token = editor.token;
  const created = await server.api("POST", "/api/blogs", {
    token,
    body: {
      slug,
      title: room.title,
      summary: room.summary,
      intro: [paragraph(room.intro)],
      language: room.language,
      timezone: room.timezone,
    },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  // Ad slots, labelled in the blog's language, and the readers' contribution form in it.
  const ads = await server.api("PATCH", `/api/blogs/${slug}`, {
    token,
    body: {
      adSlots: { every: 5, height: 250 },
      contributions: { enabled: true },
      comments: "pre",
    },
  });
  expect(ads.status, JSON.stringify(ads.json)).toBe(200);
  // A reader's comment, approved: its report and reply controls are the interface's words.
  const comment = await server.api("POST", `/api/blogs/${slug}/comments`, {
    body: { name: room.writer, text: room.intro },
  });
  expect(comment.status, JSON.stringify(comment.json)).toBe(201);
  const approved = await server.api(
    "POST",
    `/api/blogs/${slug}/comments/${comment.json.id}/approve`,
    { token },
  );
  expect(approved.status, JSON.stringify(approved.json)).toBeLessThan(300);
  // The coverage began days ago, so posts may be shown on an earlier day.
  const { store } = server.dispatch.newsroom;
  const blog = await store.findBlogBySlug(slug);
  if (!blog) throw new Error("no blog");
  const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
  await store.updateBlog({ ...blog, createdAt: threeDaysAgo.toISOString() });

  const publish = async (body: Record<string, unknown>) => {
    const made = await server.api("POST", `/api/blogs/${slug}/posts`, { token, body });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    return made.json as { id: string; version: number };
  };
  const yesterday = new Date(Date.now() - 36 * 3_600_000);
  for (let n = 1; n <= posts; n++) {
    const post = await publish({ blocks: [paragraph(room.report(n))] });
    // The oldest third were shown the day before, so the stream has day dividers.
    if (n <= posts / 3) {
      const at = new Date(yesterday.getTime() + n * 60_000).toISOString();
      const moved = await server.api("PATCH", `/api/blogs/${slug}/posts/${post.id}`, {
        token,
        body: { version: post.version, publishedAt: at },
      });
      expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    }
  }
  const earlierDay = new Intl.DateTimeFormat("en-CA", {
    timeZone: room.timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(yesterday.getTime() + 60_000));

  await publish({ blocks: [paragraph(room.report(100))], keyEvent: true, tags: [room.searchWord] });
  await publish({
    title: room.postTitle,
    blocks: [paragraph(room.report(101))],
    bylines: [{ userId: editor.id }, { name: room.agency }],
    source: { text: room.sourceLine, url: "https://agency.example/" },
    verification: { state: "unconfirmed", note: room.verificationNote },
  });
  const toCorrect = await publish({ title: room.postTitle, blocks: [paragraph(room.report(102))] });
  const corrected = await server.api("PATCH", `/api/blogs/${slug}/posts/${toCorrect.id}`, {
    token,
    body: {
      blocks: [paragraph(room.report(103))],
      correction: room.correction,
      version: toCorrect.version,
    },
  });
  expect(corrected.status, JSON.stringify(corrected.json)).toBe(200);
  await publish({ title: room.postTitle, blocks: [paragraph(room.report(104))], pinned: true });
  // The words a post's stored HTML carries: a gallery's label and buttons, embeds' buttons.
  await publish({ title: room.postTitle, blocks: blocksWithWords(room) });

  const value = {
    value: 1200,
    qualifier: "at least",
    unit: room.figure.unit,
    source: { name: room.figure.source },
    asOf: new Date(Date.now() - 3_600_000).toISOString(),
  };
  const figure = await server.api("POST", `/api/blogs/${slug}/figures`, {
    token,
    body: { label: room.figure.label, values: [value] },
  });
  expect(figure.status, JSON.stringify(figure.json)).toBe(201);
  const replaced = await server.api("PATCH", `/api/blogs/${slug}/figures/${figure.json.id}`, {
    token,
    body: { values: [{ ...value, value: 1500, asOf: new Date().toISOString() }] },
  });
  expect(replaced.status, JSON.stringify(replaced.json)).toBe(200);
  return { slug, corrected: toCorrect.id, earlierDay };
}

/** A gallery, a YouTube video, a Telegram post, an open poll and a closed one, described in the newsroom's language. */
export function blocksWithWords(room: Newsroom): unknown[] {
  const image = (n: number) => ({
    src: `https://images.example/flood-${n}.jpg`,
    alt: `${room.photo} ${n}`,
    width: 1600,
    height: 900,
  });
  return [
    { type: "gallery", images: [image(1), image(2), image(3)], caption: room.summary },
    { type: "embed", url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", caption: room.intro },
    { type: "embed", url: "https://t.me/floodnews/4521", caption: room.verificationNote },
    // A poll: its button and its counts ("0 votes") are the interface's words.
    {
      type: "poll",
      question: room.postTitle,
      answers: [{ text: room.writer }, { text: room.agency }],
      // Open for years: it says when it closes.
      closesAt: "2099-06-01T18:00:00.000Z",
    },
    // A poll already closed: its final counts and "Voting closed", no button.
    {
      type: "poll",
      question: room.summary,
      answers: [{ text: room.writer }, { text: room.agency }],
      closesAt: "2020-01-01T00:00:00.000Z",
    },
  ];
}

/**
 * What a reader's interface says on a page: its text outside scripts and styles, and the
 * attributes read aloud or shown on hover (aria-label, title, alt, placeholder).
 */
export function interfaceText(page: string): string {
  const attributes = [...page.matchAll(/\s(?:aria-label|title|alt|placeholder)="([^"]*)"/g)].map(
    (match) => match[1] ?? "",
  );
  const text = page
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, " ")
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ");
  return [text, ...attributes]
    .join(" ")
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot));/gi, (_, dec, hex, name) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
      return { amp: "&", lt: "<", gt: ">", quot: '"' }[String(name).toLowerCase()] ?? "";
    });
}

interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
}

/** The English catalogue's words as written: every literal stretch of every message. */
export function englishFragments(): string[] {
  const fragments: string[] = [];
  const walk = (elements: readonly Element[]) => {
    for (const element of elements) {
      if (element.type === 0 && element.value) fragments.push(element.value.trim());
      for (const option of Object.values(element.options ?? {})) walk(option.value);
    }
  };
  for (const message of Object.values(catalogue("en"))) {
    walk(new IntlMessageFormat(message, "en").getAst() as unknown as Element[]);
  }
  return fragments.filter((fragment) => fragment.length > 3);
}

export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((word) => word.length > 3);
}

/**
 * Whether `fragment` stands in `text` on its own, not inside a longer word: the English
 * "image" is not left in the Spanish "Ver imagen".
 */
function containsWhole(text: string, fragment: string): boolean {
  const escaped = fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(text);
}

/** Names every language writes as English does: the image formats a reader may send. */
export const NAMES_IN_EVERY_LANGUAGE = ["jpeg", "webp"];

/**
 * English left on a page: whole catalogue stretches, and catalogue words longer than three
 * letters (minus words the language rightly shares with English).
 */
export function englishLeft(page: string, languageShares: readonly string[] = []): string[] {
  const sharedWords = [...NAMES_IN_EVERY_LANGUAGE, ...languageShares];
  const text = interfaceText(page);
  const found = englishFragments().filter(
    (fragment) => containsWhole(text, fragment) && !sharedWords.includes(fragment.toLowerCase()),
  );
  const english = new Set(englishFragments().flatMap(wordsOf));
  for (const word of new Set(wordsOf(text))) {
    if (english.has(word) && !sharedWords.includes(word)) found.push(word);
  }
  return found;
}

/** A message's own words: its literal stretches, every plural form's, without its holes. */
export function literalText(message: string, language: string): string {
  const parts: string[] = [];
  const walk = (elements: readonly Element[]) => {
    for (const element of elements) {
      if (element.type === 0 && element.value) parts.push(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, language).getAst() as unknown as Element[]);
  return parts.join(" ");
}
