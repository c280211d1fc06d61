// The audit screen's sentences, read from entries shaped as the server writes them: people,
// posts (with their links) and blogs.

import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "../../core/audit";
import type { AuditEntry } from "../api/types";
import { deskTime } from "../ui/time";
import { auditSentence, sentenceText } from "./audit-phrases";

/** The sentence without its subject, as the people phrases were first written. */
const phraseAuditEntry = (e: AuditEntry) =>
  sentenceText(auditSentence(e)).replace(/^Ada Admin /, "");

const entry = (action: string, detail?: unknown): AuditEntry => ({
  id: "e1",
  at: "2026-12-06T16:00:00.000Z",
  actor: { id: "a1", name: "Ada Admin" },
  action,
  ...(detail === undefined ? {} : { detail }),
});

describe("audit sentences", () => {
  it("says whose role changed, from what to what, and whether they were signed out", () => {
    const detail = {
      userId: "u1",
      email: "rui@x.example",
      name: "Rui",
      from: "editor",
      to: "reporter",
    };
    expect(phraseAuditEntry(entry("user.role", { ...detail, signedOut: true }))).toBe(
      "changed Rui's role from editor to reporter; signed them out everywhere",
    );
    expect(
      phraseAuditEntry(
        entry("user.role", { ...detail, from: "reporter", to: "editor", signedOut: false }),
      ),
    ).toBe("changed Rui's role from reporter to editor");
  });

  it("tells a generated reset from a typed one, and one from the command line", () => {
    expect(phraseAuditEntry(entry("password.reset", { name: "Rui", generated: true }))).toBe(
      "reset Rui's password to a generated temporary one; signed them out everywhere",
    );
    expect(
      phraseAuditEntry(
        entry("password.reset", { email: "rui@x.example", generated: false, via: "command line" }),
      ),
    ).toBe(
      "reset rui@x.example's password to a typed temporary one from the command line; signed them out everywhere",
    );
  });

  it("tells replacing a temporary password from an ordinary change", () => {
    expect(phraseAuditEntry(entry("password.change", { replacedTemporary: true }))).toBe(
      "replaced a temporary password with one of their own",
    );
    expect(phraseAuditEntry(entry("password.change"))).toBe("changed their own password");
  });

  it("says who was renamed, disabled or re-enabled", () => {
    const email = "rui@x.example";
    expect(phraseAuditEntry(entry("user.update", { email, name: "Rui R." }))).toBe(
      "renamed rui@x.example to Rui R.",
    );
    expect(phraseAuditEntry(entry("user.update", { email, disabled: true }))).toBe(
      "disabled rui@x.example",
    );
    expect(phraseAuditEntry(entry("user.update", { email, disabled: false }))).toBe(
      "re-enabled rui@x.example",
    );
  });

  it("names the post and blog of a publish, with links to the reader and the blog's desk", () => {
    const parts = auditSentence({
      ...entry("post.publish"),
      actor: { id: "a2", name: "Amira Haddad" },
      blog: "harbour-fire",
      blogTitle: "Harbour fire",
      postId: "p1",
      post: {
        id: "p1",
        title: "Curfew from ten",
        status: "published",
        permalink: "/live/harbour-fire/posts/p1",
      },
    });
    expect(sentenceText(parts)).toBe("Amira Haddad published “Curfew from ten” in Harbour fire");
    expect(parts).toContainEqual({
      text: "“Curfew from ten”",
      href: "/live/harbour-fire/posts/p1",
    });
    expect(parts).toContainEqual({ text: "Harbour fire", href: "/admin/blogs/harbour-fire" });
  });

  it("links a draft to the desk, and a deleted post to nothing", () => {
    const about = { blog: "b", blogTitle: "Bridge works", postId: "p2" };
    const draft = auditSentence({
      ...entry("post.draft"),
      ...about,
      post: { id: "p2", title: "Bus depot", status: "draft" },
    });
    expect(draft).toContainEqual({ text: "“Bus depot”", href: "/admin/blogs/b#desk-post-p2" });
    const deleted = auditSentence({
      ...entry("post.delete", { title: "Bridge inspection" }),
      ...about,
      post: { id: "p2", title: "Bridge inspection", status: "published", deleted: true },
    });
    expect(sentenceText(deleted)).toBe("Ada Admin deleted “Bridge inspection” from Bridge works");
    // Its title is plain words within the sentence: the only link left is the blog's.
    expect(deleted.filter((part) => typeof part !== "string")).toEqual([
      { text: "Bridge works", href: "/admin/blogs/b" },
    ]);
  });

  it("says whom a submission was returned to, with the editor's note", () => {
    const parts = auditSentence({
      ...entry("post.return", { note: "Which depot?" }),
      actor: { id: "e1", name: "Eda Editor" },
      blog: "b",
      post: { id: "p3", title: "Bus depot", status: "draft", author: { name: "Rui Reporter" } },
    });
    expect(sentenceText(parts)).toBe(
      "Eda Editor returned “Bus depot” to Rui Reporter: Which depot?",
    );
  });

  it("says which fields an edit changed, and what a blog change touched", () => {
    const edit = auditSentence({
      ...entry("post.edit", { fields: ["title", "blocks"] }),
      blog: "b",
      blogTitle: "Bridge works",
      post: { id: "p4", title: "Lanes reopen", status: "published" },
    });
    expect(sentenceText(edit)).toBe(
      "Ada Admin edited the title and text of “Lanes reopen” in Bridge works",
    );
    const blog = auditSentence({
      ...entry("blog.close", { fields: [] }),
      blog: "b",
      blogTitle: "Bridge works",
    });
    expect(sentenceText(blog)).toBe("Ada Admin closed Bridge works");
    const ads = auditSentence({
      ...entry("blog.update", { fields: ["adSlots"] }),
      blog: "b",
      blogTitle: "Bridge works",
    });
    expect(sentenceText(ads)).toBe("Ada Admin changed the ad slots of Bridge works");
  });

  it("names sign-ins, failed ones without anyone, and tokens made for someone else", () => {
    expect(sentenceText(auditSentence(entry("session.signin")))).toBe("Ada Admin signed in");
    const failed = {
      ...entry("session.signin_failed", { email: "x@y.example", reason: "disabled" }),
      actor: null,
    };
    expect(sentenceText(auditSentence(failed))).toBe(
      "Someone failed to sign in as x@y.example (the account is disabled)",
    );
    const people = new Map([["u9", "Rui Reporter"]]);
    const token = entry("token.create", { label: "wire", userId: "u9" });
    expect(sentenceText(auditSentence(token, people))).toBe(
      "Ada Admin created the API token “wire” for Rui Reporter",
    );
    const own = entry("token.revoke", { label: "mine", userId: "a1" });
    expect(sentenceText(auditSentence(own, people))).toBe("Ada Admin revoked the API token “mine”");
  });

  it("says when a post was published on someone's behalf, and where its time was moved", () => {
    const about = { blog: "b", blogTitle: "Bridge works", postId: "p5" };
    const post = { id: "p5", title: "Crane on site", status: "published" };
    const published = auditSentence({
      ...entry("post.publish", { bylines: ["Rui Reporter", "AFP"] }),
      ...about,
      post,
    });
    expect(sentenceText(published)).toBe(
      "Ada Admin published “Crane on site” in Bridge works, with the byline Rui Reporter and AFP",
    );
    const to = "2026-12-06T09:30:00.000Z";
    const retimed = auditSentence({
      ...entry("post.retime", { fields: ["publishedAt"], publishedAt: { from: null, to } }),
      ...about,
      post,
    });
    expect(sentenceText(retimed)).toBe(
      `Ada Admin moved the displayed time of “Crane on site” in Bridge works to ${deskTime(to)}`,
    );
  });

  it("names the old and new verification state of a post", () => {
    const about = { blog: "b", blogTitle: "Bridge works", postId: "p6" };
    const post = { id: "p6", title: "Crane on site", status: "published" };
    const said = (verification: Record<string, unknown>) =>
      sentenceText(
        auditSentence({
          ...entry("post.verify", { fields: ["verification"], verification }),
          ...about,
          post,
        }),
      );
    expect(said({ from: "unconfirmed", to: "confirmed" })).toBe(
      "Ada Admin changed the verification of “Crane on site” in Bridge works from unconfirmed to confirmed",
    );
    expect(said({ from: null, to: "disputed" })).toBe(
      "Ada Admin changed the verification of “Crane on site” in Bridge works from not stated to disputed",
    );
  });

  it("says whose sign-ins Dispatch slowed down, from where and after how many failures", () => {
    const at = { email: "rui@x.example", address: "203.0.113.9", count: 5 };
    const said = (detail: Record<string, unknown>) =>
      sentenceText(auditSentence({ ...entry("session.throttled", detail), actor: null }));
    expect(said({ ...at, scope: "pair" })).toBe(
      "Dispatch slowed down sign-ins as rui@x.example from 203.0.113.9 after 5 failed attempts",
    );
    expect(said({ ...at, count: 20, scope: "email" })).toBe(
      "Dispatch slowed down sign-ins as rui@x.example from unrecognised devices after 20 failed attempts from many addresses",
    );
    expect(said({ ...at, count: 20, scope: "address" })).toBe(
      "Dispatch slowed down sign-ins from 203.0.113.9 after 20 failed attempts there, for any email",
    );
    expect(said({ ...at, scope: "device" })).toBe(
      "Dispatch slowed down sign-ins as rui@x.example from one of their recognised devices (at 203.0.113.9) after 5 failed attempts",
    );
  });

  it("says which source a blog follows or stopped following", () => {
    const source = "https://agency.example/live/vote";
    const blog = { blog: "client", blogTitle: "Client desk" };
    expect(
      phraseAuditEntry({ ...entry("blog.follow", { source, keyEventsOnly: true }), ...blog }),
    ).toBe(`set Client desk to follow ${source} (key events only)`);
    expect(phraseAuditEntry({ ...entry("blog.unfollow", { source }), ...blog })).toBe(
      `stopped Client desk following ${source}`,
    );
  });

  it("has a sentence for every action the server writes", () => {
    for (const action of AUDIT_ACTIONS) {
      expect(sentenceText(auditSentence(entry(action)))).not.toContain("did ");
    }
    expect(sentenceText(auditSentence(entry("post.teleport")))).toBe("Ada Admin did post.teleport");
  });
});
