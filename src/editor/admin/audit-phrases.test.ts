// The audit screen's sentences about people, read from entries shaped as the server writes them.

import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../api/types";
import { phraseAuditEntry } from "./audit-phrases";

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

  it("says whose sign-ins were slowed down, from where and after how many failures", () => {
    const at = { email: "rui@x.example", address: "203.0.113.9", count: 5 };
    expect(phraseAuditEntry(entry("session.throttled", { ...at, scope: "pair" }))).toBe(
      "slowed down sign-ins as rui@x.example from 203.0.113.9 after 5 failed attempts",
    );
    expect(phraseAuditEntry(entry("session.throttled", { ...at, count: 20, scope: "email" }))).toBe(
      "slowed down sign-ins as rui@x.example from unrecognised devices after 20 failed attempts from many addresses",
    );
    expect(
      phraseAuditEntry(entry("session.throttled", { ...at, count: 20, scope: "address" })),
    ).toBe("slowed down sign-ins from 203.0.113.9 after 20 failed attempts there, for any email");
    expect(phraseAuditEntry(entry("session.throttled", { ...at, scope: "device" }))).toBe(
      "slowed down sign-ins as rui@x.example from one of their recognised devices (at 203.0.113.9) after 5 failed attempts",
    );
  });

  it("has no sentence for other entries", () => {
    expect(phraseAuditEntry(entry("post.publish", { title: "x" }))).toBeNull();
  });
});
