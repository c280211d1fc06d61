// What the audit screen says about each entry: a sentence a newsroom reads ("Amira Haddad
// published “Curfew from ten” in Harbour fire"), from the names the entry kept at the time and
// the post and blog as the server reports them now. Posts and blogs come as links: a published
// post to its reader page, any other to the desk, a deleted one as plain words.

import type { AuditEntry } from "../api/types";
import { type MessageKey, type MessageValues, t, tParts } from "../i18n/messages";
import { deskTime } from "../ui/time";

type Detail = Record<string, unknown>;

/** A piece of a sentence: words, or a link with its words. */
export type SentencePart = string | { text: string; href: string };

/** The names of the newsroom's people by id, for entries that name someone by id only. */
export type People = ReadonlyMap<string, string>;

const text = (value: unknown) => (typeof value === "string" ? value : "");
const person = (d: Detail) => text(d.name) || text(d.email) || t("audit.someone");

/** Field names as the newsroom says them, for "changed the title and summary of …". */
const FIELD_WORDS: Record<string, MessageKey> = {
  title: "audit.field.title",
  summary: "audit.field.summary",
  intro: "audit.field.intro",
  hero: "audit.field.hero",
  sourceNote: "audit.field.sourceNote",
  language: "audit.field.language",
  timezone: "audit.field.timezone",
  reporterMode: "audit.field.reporterMode",
  previousBlog: "audit.field.previousBlog",
  nextBlog: "audit.field.nextBlog",
  adSlots: "audit.field.adSlots",
  contributions: "audit.field.contributions",
  comments: "audit.field.comments",
  commentsClosed: "audit.field.commentsClosed",
  commentWords: "audit.field.commentWords",
  commentsPerHour: "audit.field.commentsPerHour",
  blocks: "audit.field.blocks",
  pinned: "audit.field.pinned",
  keyEvent: "audit.field.keyEvent",
  status: "audit.field.status",
  publishAt: "audit.field.publishAt",
  publishedAt: "audit.field.publishedAt",
  correction: "audit.field.correction",
  bylines: "audit.field.bylines",
};

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** "a", "a and b", "a, b and c". */
function inWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? "";
  return t("audit.inWords", { first: words.slice(0, -1).join(", "), last: words.at(-1) });
}

function fieldList(d: Detail): string {
  return inWords(strings(d.fields).map((f) => (FIELD_WORDS[f] ? t(FIELD_WORDS[f]) : f)));
}

function blogPart(entry: AuditEntry): SentencePart {
  if (!entry.blog) return t("audit.blogRemoved");
  return { text: entry.blogTitle || entry.blog, href: `/admin/blogs/${entry.blog}` };
}

function postPart(entry: AuditEntry): SentencePart {
  const post = entry.post;
  const name = post?.title ? t("audit.postTitled", { title: post.title }) : t("audit.aPost");
  if (!post || post.deleted || !entry.blog) return name;
  const href = post.permalink ?? `/admin/blogs/${entry.blog}#desk-post-${post.id}`;
  return { text: name, href };
}

type Phrase = (entry: AuditEntry, d: Detail, people: People) => SentencePart[];

type Link = { text: string; href: string };
/** The message `key` with the entry's post and blog in it (as links where they have one). */
const said = (key: MessageKey, entry: AuditEntry, values: MessageValues = {}): SentencePart[] =>
  tParts<Link>(key, { ...values, post: postPart(entry), blog: blogPart(entry) });

/** Whose sign-ins the limiter slowed down, by which of its counts (an entry with no actor). */
function throttled(d: Detail): string {
  const failures = t("audit.failedAttempts", { count: typeof d.count === "number" ? d.count : -1 });
  const [email, address] = [text(d.email), text(d.address)];
  const scope =
    d.scope === "address" || d.scope === "email" || d.scope === "device" ? d.scope : "both";
  return t("audit.throttled", { scope, email, address, failures });
}

/** A reader's question or eyewitness account: the log keeps its kind, never its words. */
const contributionKind = (d: Detail) => (d.kind === "eyewitness" ? "eyewitness" : "question");

/** "<verb> “Post” in Blog", the shape of most post entries. */
const onPost =
  (key: MessageKey): Phrase =>
  (entry) =>
    said(key, entry);

const edited: Phrase = (entry, d) => {
  const fields = fieldList(d);
  return fields ? said("audit.post.editFields", entry, { fields }) : said("audit.post.edit", entry);
};

const tokenOwner = (entry: AuditEntry, d: Detail, people: People) => {
  const owner = text(d.userId);
  if (!owner || owner === entry.actor?.id) return { hasOwner: false };
  return { hasOwner: true, owner: people.get(owner) ?? t("audit.anotherPerson") };
};

const figureLabel = (d: Detail) => text(d.label) || t("audit.aFigure");
const source = (d: Detail) => text(d.source) || t("audit.anotherBlog");

const PHRASES: Record<string, Phrase> = {
  "blog.create": (entry) => said("audit.blog.create", entry),
  "blog.update": (entry, d) => {
    const fields = fieldList(d);
    return fields
      ? said("audit.blog.updateFields", entry, { fields })
      : said("audit.blog.update", entry);
  },
  "blog.close": (entry) => said("audit.blog.close", entry),
  "blog.reopen": (entry) => said("audit.blog.reopen", entry),
  "blog.import": (entry) => said("audit.blog.import", entry),
  "blog.export": (entry) => said("audit.blog.export", entry),
  "blog.follow": (entry, d) =>
    said("audit.blog.follow", entry, {
      source: source(d),
      keyEventsOnly: d.keyEventsOnly === true,
    }),
  "blog.unfollow": (entry, d) => said("audit.blog.unfollow", entry, { source: source(d) }),
  "comment.approve": (entry) => said("audit.comment.approve", entry),
  "comment.reject": (entry) => said("audit.comment.reject", entry),
  "figure.create": (entry, d) => said("audit.figure.create", entry, { label: figureLabel(d) }),
  "figure.update": (entry, d) => {
    const values = Array.isArray(d.fields) && d.fields.includes("values");
    return said("audit.figure.update", entry, { label: figureLabel(d), values });
  },
  "figure.delete": (entry, d) => said("audit.figure.delete", entry, { label: figureLabel(d) }),
  "post.publish": (entry, d) =>
    said(d.scheduled ? "audit.post.publishScheduled" : "audit.post.publish", entry),
  "post.submit": onPost("audit.post.submit"),
  "post.draft": onPost("audit.post.draft"),
  "post.schedule": onPost("audit.post.schedule"),
  "post.edit": edited,
  "post.delete": onPost("audit.post.delete"),
  "post.takedown": (entry, d) =>
    said("audit.post.takedown", entry, { reason: text(d.reason), hasReason: Boolean(d.reason) }),
  "post.pin": onPost("audit.post.pin"),
  "post.unpin": onPost("audit.post.unpin"),
  "post.retime": (entry, d) => {
    const moved =
      d.publishedAt && typeof d.publishedAt === "object" ? (d.publishedAt as Detail) : {};
    const to = text(moved.to);
    return to
      ? said("audit.post.retimeTo", entry, { time: deskTime(to) })
      : said("audit.post.retime", entry);
  },
  "post.verify": (entry, d) => {
    const change =
      d.verification && typeof d.verification === "object" ? (d.verification as Detail) : {};
    const from = text(change.from) || t("audit.notStated");
    const to = text(change.to) || t("audit.notStated");
    return from === to
      ? said("audit.post.verifyNote", entry, { state: to })
      : said("audit.post.verify", entry, { from, to });
  },
  "post.unfurl": (entry, d) =>
    said("audit.post.unfurl", entry, { count: Array.isArray(d.links) ? d.links.length : 0 }),
  "post.approve": onPost("audit.post.approve"),
  "post.return": (entry, d) =>
    said("audit.post.return", entry, {
      author: entry.post?.author?.name ?? "",
      hasAuthor: Boolean(entry.post?.author?.name),
      note: text(d.note),
      hasNote: Boolean(text(d.note)),
    }),
  "contribution.answer": (entry, d) =>
    said("audit.contribution.answer", entry, { kind: contributionKind(d) }),
  "contribution.reject": (entry, d) =>
    said("audit.contribution.reject", entry, { kind: contributionKind(d) }),
  "contribution.block": (entry, d) =>
    said("audit.contribution.block", entry, { kind: contributionKind(d) }),
  "contribution.erase": (entry, d) =>
    said("audit.contribution.erase", entry, { kind: contributionKind(d) }),
  "session.signin": () => [t("audit.session.signin")],
  "session.signout": () => [t("audit.session.signout")],
  "session.throttled": (_entry, d) => [throttled(d)],
  "session.signin_failed": (_entry, d) => [
    t("audit.session.signinFailed", {
      email: text(d.email) || t("audit.unknownAddress"),
      disabled: d.reason === "disabled",
    }),
  ],
  "token.create": (entry, d, people) => [
    t("audit.token.create", { label: text(d.label), ...tokenOwner(entry, d, people) }),
  ],
  "token.revoke": (entry, d, people) => [
    t("audit.token.revoke", { label: text(d.label), ...tokenOwner(entry, d, people) }),
  ],
  "webhook.create": (_entry, d) => [t("audit.webhook.create", { url: text(d.url) })],
  "webhook.update": (_entry, d) => [t("audit.webhook.update", { url: text(d.url) })],
  "webhook.delete": (_entry, d) => [t("audit.webhook.delete", { url: text(d.url) })],
  "webhook.rotate": (_entry, d) => [t("audit.webhook.rotate", { url: text(d.url) })],
  "user.create": (_entry, d) => [
    t("audit.user.create", { email: text(d.email), role: text(d.role) }),
  ],
  "user.role": (_entry, d) => [
    t("audit.user.role", {
      name: person(d),
      from: text(d.from),
      to: text(d.to),
      signedOut: d.signedOut === true,
    }),
  ],
  "user.update": (_entry, d) => {
    const email = text(d.email);
    const parts: string[] = [];
    if (typeof d.name === "string") parts.push(t("audit.user.rename", { email, name: d.name }));
    if (d.disabled === true) parts.push(t("audit.user.disable", { email }));
    if (d.disabled === false) parts.push(t("audit.user.enable", { email }));
    return [parts.join("; ") || t("audit.user.update", { email })];
  },
  "password.reset": (_entry, d) => [
    t("audit.password.reset", {
      name: person(d),
      generated: d.generated === true,
      commandLine: d.via === "command line",
    }),
  ],
  "password.change": (_entry, d) => [
    t(d.replacedTemporary ? "audit.password.replaceTemporary" : "audit.password.change"),
  ],
};

/** Who the sentence is about: the actor, or who the system stands for when there is none. */
function subject(entry: AuditEntry): string {
  if (entry.actor) return entry.actor.name;
  return entry.action === "session.signin_failed" ? t("audit.someoneSubject") : "Dispatch";
}

/**
 * The entry as a sentence, subject first, without its time (the screen adds "at 14:02"). An
 * action this screen does not know yet reads as its code and detail.
 */
export function auditSentence(entry: AuditEntry, people: People = new Map()): SentencePart[] {
  const detail = entry.detail && typeof entry.detail === "object" ? (entry.detail as Detail) : {};
  const phrase = PHRASES[entry.action];
  const parts = phrase
    ? phrase(entry, detail, people)
    : [
        t("audit.unknownAction", {
          action: entry.action,
          detail: entry.detail === undefined ? "" : JSON.stringify(entry.detail),
          hasDetail: entry.detail !== undefined,
        }),
      ];
  // Publishing on someone's behalf: the entry names who did it, the bylines whom it is signed by.
  const bylines = entry.action.startsWith("post.") ? strings(detail.bylines) : [];
  if (bylines.length) parts.push(t("audit.withByline", { names: inWords(bylines) }));
  return [`${subject(entry)} `, ...parts].filter((part) => part !== "");
}

/** The sentence's words alone, as a screen reader or a test reads them. */
export function sentenceText(parts: readonly SentencePart[]): string {
  return parts.map((part) => (typeof part === "string" ? part : part.text)).join("");
}
