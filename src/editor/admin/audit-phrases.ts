// What the audit screen says about each entry: a sentence a newsroom reads ("Amira Haddad
// published “Curfew from ten” in Harbour fire"), from the names the entry kept at the time and
// the post and blog as the server reports them now. Posts and blogs come as links: a published
// post to its reader page, any other to the desk, a deleted one as plain words.

import type { AuditEntry } from "../api/types";
import { deskTime } from "../ui/time";

type Detail = Record<string, unknown>;

/** A piece of a sentence: words, or a link with its words. */
export type SentencePart = string | { text: string; href: string };

/** The names of the newsroom's people by id, for entries that name someone by id only. */
export type People = ReadonlyMap<string, string>;

const text = (value: unknown) => (typeof value === "string" ? value : "");
const person = (d: Detail) => text(d.name) || text(d.email) || "someone";

/** Field names as the newsroom says them, for "changed the title and summary of …". */
const FIELD_WORDS: Record<string, string> = {
  title: "title",
  summary: "summary",
  intro: "introduction",
  hero: "hero image",
  sourceNote: "source note",
  language: "language",
  timezone: "time zone",
  reporterMode: "reporter mode",
  previousBlog: "previous blog",
  nextBlog: "next blog",
  blocks: "text",
  pinned: "pin",
  keyEvent: "key-event mark",
  status: "status",
  publishAt: "publishing time",
  publishedAt: "displayed time",
  correction: "correction note",
  bylines: "byline",
};

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** "a", "a and b", "a, b and c". */
function inWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function fieldList(d: Detail): string {
  return inWords(strings(d.fields).map((f) => FIELD_WORDS[f] ?? f));
}

function blogPart(entry: AuditEntry): SentencePart {
  if (!entry.blog) return "a blog since removed";
  return { text: entry.blogTitle || entry.blog, href: `/admin/blogs/${entry.blog}` };
}

function postPart(entry: AuditEntry): SentencePart {
  const post = entry.post;
  const name = post?.title ? `“${post.title}”` : "a post";
  if (!post || post.deleted || !entry.blog) return name;
  const href = post.permalink ?? `/admin/blogs/${entry.blog}#desk-post-${post.id}`;
  return { text: name, href };
}

type Phrase = (entry: AuditEntry, d: Detail, people: People) => SentencePart[];

/** Whose sign-ins the limiter slowed down, by which of its counts (an entry with no actor). */
function throttled(d: Detail): string {
  const failures = `${typeof d.count === "number" ? d.count : "many"} failed attempts`;
  const [email, address] = [text(d.email), text(d.address)];
  switch (d.scope) {
    case "address":
      return `slowed down sign-ins from ${address} after ${failures} there, for any email`;
    case "email":
      return `slowed down sign-ins as ${email} from unrecognised devices after ${failures} from many addresses`;
    case "device":
      return `slowed down sign-ins as ${email} from one of their recognised devices (at ${address}) after ${failures}`;
    default:
      return `slowed down sign-ins as ${email} from ${address} after ${failures}`;
  }
}

/** "<verb> “Post” in Blog", the shape of most post entries. */
const onPost =
  (verb: string, after = "in"): Phrase =>
  (entry) => [`${verb} `, postPart(entry), ` ${after} `, blogPart(entry)];

const edited: Phrase = (entry, d) => {
  const fields = fieldList(d);
  return [
    fields ? `edited the ${fields} of ` : "edited ",
    postPart(entry),
    " in ",
    blogPart(entry),
  ];
};

const tokenOwner = (entry: AuditEntry, d: Detail, people: People, word: string) => {
  const owner = text(d.userId);
  if (!owner || owner === entry.actor?.id) return "";
  return ` ${word} ${people.get(owner) ?? "another person"}`;
};

const PHRASES: Record<string, Phrase> = {
  "blog.create": (entry) => ["created the blog ", blogPart(entry)],
  "blog.update": (entry, d) => {
    const fields = fieldList(d);
    return [fields ? `changed the ${fields} of ` : "changed the settings of ", blogPart(entry)];
  },
  "blog.close": (entry) => ["closed ", blogPart(entry)],
  "blog.reopen": (entry) => ["reopened ", blogPart(entry)],
  "blog.import": (entry) => ["imported ", blogPart(entry)],
  "blog.export": (entry) => ["exported ", blogPart(entry)],
  "blog.follow": (entry, d) => [
    "set ",
    blogPart(entry),
    ` to follow ${text(d.source) || "another blog"}${d.keyEventsOnly ? " (key events only)" : ""}`,
  ],
  "blog.unfollow": (entry, d) => [
    "stopped ",
    blogPart(entry),
    ` following ${text(d.source) || "another blog"}`,
  ],
  "figure.create": (entry, d) => [
    `added the key figure “${text(d.label) || "a figure"}” to `,
    blogPart(entry),
  ],
  "figure.update": (entry, d) => {
    const values = Array.isArray(d.fields) && d.fields.includes("values");
    return [
      `${values ? "updated the values of" : "changed"} the key figure “${text(d.label) || "a figure"}” in `,
      blogPart(entry),
    ];
  },
  "figure.delete": (entry, d) => [
    `removed the key figure “${text(d.label) || "a figure"}” from `,
    blogPart(entry),
  ],
  "post.publish": (entry, d, people) =>
    onPost(d.scheduled ? "sent out the scheduled post" : "published")(entry, d, people),
  "post.submit": (entry) => ["sent ", postPart(entry), " for approval in ", blogPart(entry)],
  "post.draft": (entry) => ["saved ", postPart(entry), " as a draft in ", blogPart(entry)],
  "post.schedule": onPost("scheduled"),
  "post.edit": edited,
  "post.delete": onPost("deleted", "from"),
  "post.takedown": (entry, d, people) => [
    ...onPost("took down")(entry, d, people),
    d.reason ? ` (legal takedown: ${text(d.reason)})` : " (legal takedown)",
  ],
  "post.pin": onPost("pinned"),
  "post.unpin": onPost("unpinned"),
  "post.retime": (entry, d) => {
    const moved =
      d.publishedAt && typeof d.publishedAt === "object" ? (d.publishedAt as Detail) : {};
    const to = text(moved.to);
    return [
      "moved the displayed time of ",
      postPart(entry),
      " in ",
      blogPart(entry),
      to ? ` to ${deskTime(to)}` : "",
    ];
  },
  "post.verify": (entry, d) => {
    const change =
      d.verification && typeof d.verification === "object" ? (d.verification as Detail) : {};
    const from = text(change.from) || "not stated";
    const to = text(change.to) || "not stated";
    return [
      "changed the verification of ",
      postPart(entry),
      " in ",
      blogPart(entry),
      from === to ? ` (still ${to}, new note)` : ` from ${from} to ${to}`,
    ];
  },
  "post.unfurl": (entry, d) => {
    const links = Array.isArray(d.links) ? d.links.length : 0;
    return [
      links === 1 ? "read the link card of " : "read the link cards of ",
      postPart(entry),
      " in ",
      blogPart(entry),
    ];
  },
  "post.approve": onPost("approved"),
  "post.return": (entry, d) => {
    const author = entry.post?.author?.name;
    const note = text(d.note);
    return ["returned ", postPart(entry), author ? ` to ${author}` : "", note ? `: ${note}` : ""];
  },
  "session.signin": () => ["signed in"],
  "session.signout": () => ["signed out"],
  "session.throttled": (_entry, d) => [throttled(d)],
  "session.signin_failed": (_entry, d) => [
    `failed to sign in as ${text(d.email) || "an unknown address"}`,
    d.reason === "disabled" ? " (the account is disabled)" : "",
  ],
  "token.create": (entry, d, people) => [
    `created the API token “${text(d.label)}”${tokenOwner(entry, d, people, "for")}`,
  ],
  "token.revoke": (entry, d, people) => [
    `revoked the API token “${text(d.label)}”${tokenOwner(entry, d, people, "of")}`,
  ],
  "webhook.create": (_entry, d) => [`added the webhook to ${text(d.url)}`],
  "webhook.update": (_entry, d) => [`changed the webhook to ${text(d.url)}`],
  "webhook.delete": (_entry, d) => [`removed the webhook to ${text(d.url)}`],
  "webhook.rotate": (_entry, d) => [`replaced the signing secret of the webhook to ${text(d.url)}`],
  "user.create": (_entry, d) => [`added ${text(d.email)} as ${text(d.role)}`],
  "user.role": (_entry, d) => [
    `changed ${person(d)}'s role from ${text(d.from)} to ${text(d.to)}${d.signedOut ? "; signed them out everywhere" : ""}`,
  ],
  "user.update": (_entry, d) => {
    const parts: string[] = [];
    if (typeof d.name === "string") parts.push(`renamed ${text(d.email)} to ${d.name}`);
    if (d.disabled === true) parts.push(`disabled ${text(d.email)}`);
    if (d.disabled === false) parts.push(`re-enabled ${text(d.email)}`);
    return [parts.join("; ") || `changed ${text(d.email)}`];
  },
  "password.reset": (_entry, d) => [
    `reset ${person(d)}'s password to a ${d.generated ? "generated" : "typed"} temporary one${d.via === "command line" ? " from the command line" : ""}; signed them out everywhere`,
  ],
  "password.change": (_entry, d) => [
    d.replacedTemporary
      ? "replaced a temporary password with one of their own"
      : "changed their own password",
  ],
};

/** Who the sentence is about: the actor, or who the system stands for when there is none. */
function subject(entry: AuditEntry): string {
  if (entry.actor) return entry.actor.name;
  return entry.action === "session.signin_failed" ? "Someone" : "Dispatch";
}

/**
 * The entry as a sentence, subject first, without its time (the screen adds "at 14:02"). An
 * action this screen does not know yet reads as its code and detail.
 */
export function auditSentence(entry: AuditEntry, people: People = new Map()): SentencePart[] {
  const detail = entry.detail && typeof entry.detail === "object" ? (entry.detail as Detail) : {};
  const phrase = PHRASES[entry.action];
  const said = phrase
    ? phrase(entry, detail, people)
    : [
        `did ${entry.action}`,
        entry.detail === undefined ? "" : ` (${JSON.stringify(entry.detail)})`,
      ];
  // Publishing on someone's behalf: the entry names who did it, the bylines whom it is signed by.
  const bylines = entry.action.startsWith("post.") ? strings(detail.bylines) : [];
  if (bylines.length) said.push(`, with the byline ${inWords(bylines)}`);
  return [`${subject(entry)} `, ...said].filter((part) => part !== "");
}

/** The sentence's words alone, as a screen reader or a test reads them. */
export function sentenceText(parts: readonly SentencePart[]): string {
  return parts.map((part) => (typeof part === "string" ? part : part.text)).join("");
}
