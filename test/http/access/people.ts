// Expected access to the newsroom's people and tools: signing in and out, passwords, users
// and their profiles, API tokens, the audit log, media, and the operator's endpoints.

import { type AccessCase, ADMINS, EDITORS, must, NEWSROOM, publicPage } from "./cases.js";

export const PEOPLE_ACCESS: Record<string, AccessCase[]> = {
  "POST /api/session": [
    {
      name: "sign in",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => {
        const user = await f.server.userFor("reporter");
        return { body: { email: user.email, password: user.password } };
      },
    },
  ],
  "GET /api/session": [
    {
      name: "who am I",
      allowed: "everyone",
      ok: 200,
      prepare: async () => ({ query: "optional=true" }),
      // Only a session cookie is a session: a bearer token is a script, not a signed-in browser.
      check(seen, who) {
        if ((seen.json.user !== null) !== (who === "cookie without CSRF")) {
          throw new Error(`${who} is told ${JSON.stringify(seen.json)}`);
        }
      },
    },
  ],
  "DELETE /api/session": [
    { name: "sign out", allowed: "everyone", ok: 204, prepare: async () => ({}) },
  ],
  "POST /api/session/password": [
    {
      name: "one's own",
      allowed: NEWSROOM,
      ok: 204,
      prepare: async (_f, self) => ({
        body: { currentPassword: self?.password ?? "x", newPassword: "a brand new passphrase" },
      }),
    },
  ],
  "GET /api/users": [{ name: "list", allowed: ADMINS, ok: 200, prepare: async () => ({}) }],
  "POST /api/users": [
    {
      name: "add",
      allowed: ADMINS,
      ok: 201,
      prepare: async (f) => ({
        body: { email: `${f.unique("added")}@newsroom.example`, role: "reporter" },
      }),
    },
  ],
  "PATCH /api/users/{id}": [
    {
      name: "rename a colleague",
      allowed: ADMINS,
      ok: 200,
      prepare: async (f) => ({
        params: { id: (await f.server.userFor("reporter")).id },
        body: { name: "Renamed" },
      }),
    },
  ],
  "POST /api/users/{id}/password": [
    {
      name: "reset a colleague's",
      allowed: ADMINS,
      ok: 200,
      prepare: async (f) => ({ params: { id: (await f.server.userFor("reporter")).id }, body: {} }),
    },
  ],
  "GET /api/contributors": [
    { name: "list", allowed: NEWSROOM, ok: 200, prepare: async () => ({}) },
  ],
  "PATCH /api/users/{id}/profile": [
    {
      name: "one's own",
      allowed: NEWSROOM,
      ok: 200,
      prepare: async (f, self) => ({
        params: { id: (self ?? f.owner).id },
        body: { title: "Correspondent" },
      }),
    },
    {
      name: "a colleague's",
      allowed: ADMINS,
      ok: 200,
      prepare: async (f) => ({ params: { id: f.colleague.id }, body: { title: "Night reporter" } }),
    },
  ],
  "GET /api/tokens": [{ name: "list", allowed: NEWSROOM, ok: 200, prepare: async () => ({}) }],
  "POST /api/tokens": [
    {
      name: "one's own",
      allowed: NEWSROOM,
      ok: 201,
      prepare: async () => ({ body: { label: "script" } }),
    },
    {
      name: "for a colleague",
      allowed: ADMINS,
      ok: 201,
      prepare: async (f) => ({ body: { label: "for you", userId: f.colleague.id } }),
    },
  ],
  "DELETE /api/tokens/{id}": [
    {
      name: "one's own",
      allowed: NEWSROOM,
      ok: 204,
      prepare: async (f, self) => {
        const made = await must<{ id: string }>(
          f.server.api("POST", "/api/tokens", {
            token: (self ?? f.owner).token,
            body: { label: "spare" },
          }),
          201,
        );
        return { params: { id: made.id } };
      },
    },
    {
      name: "a colleague's",
      allowed: ADMINS,
      ok: 204,
      prepare: async (f) => {
        const made = await must<{ id: string }>(
          f.server.api("POST", "/api/tokens", {
            token: f.colleague.token,
            body: { label: "theirs" },
          }),
          201,
        );
        return { params: { id: made.id } };
      },
    },
  ],
  "GET /api/audit": [{ name: "read", allowed: ADMINS, ok: 200, prepare: async () => ({}) }],
  "GET /api/media": [{ name: "browse", allowed: NEWSROOM, ok: 200, prepare: async () => ({}) }],
  "POST /api/media": [
    {
      name: "upload",
      allowed: NEWSROOM,
      ok: 201,
      prepare: async (f) => {
        const form = new FormData();
        form.append("file", new Blob([new Uint8Array(f.png)], { type: "image/png" }), "tide.png");
        return { form };
      },
    },
  ],
  "PATCH /api/media/{id}": [
    {
      name: "a colleague's upload",
      allowed: EDITORS,
      ok: 200,
      prepare: async (f) => ({
        params: { id: f.colleaguesImage.id },
        body: { alt: "The harbour wall" },
      }),
    },
  ],
  "POST /api/media/import": [
    {
      name: "from a private address",
      allowed: NEWSROOM,
      ok: 422,
      okCode: "fetch_refused",
      prepare: async () => ({ body: { url: "http://127.0.0.1:9/tide.png" } }),
    },
  ],
  ...publicPage("/assets/live.js"),
  ...publicPage("/assets/live.css"),
  ...publicPage("/assets/blocks.js"),
  ...publicPage("/assets/alerts.js"),
  ...publicPage("/live/alerts-sw.js"),
  ...publicPage("/assets/comments.js"),
  ...publicPage("/assets/contribute.js"),
  ...publicPage("/assets/embed-frame.js"),
  ...publicPage("/assets/embed.css"),
  ...publicPage("/embed.js"),
  "GET /media/{path}": [
    {
      name: "an uploaded image",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { path: f.colleaguesImage.src.replace(/^\/media\//, "") } }),
    },
  ],
  ...publicPage("/admin"),
  "GET /admin/{path}": [
    {
      name: "a screen",
      allowed: "everyone",
      ok: 200,
      prepare: async () => ({ params: { path: "blogs" } }),
    },
  ],
  ...publicPage("/favicon.ico"),
  ...publicPage("/api/openapi.json"),
  ...publicPage("/api/health"),
  "GET /metrics": [
    {
      // The scraper's own token (METRICS_TOKEN) only: no newsroom credential opens it.
      name: "scrape",
      allowed: [],
      ok: 200,
      refused: {
        reporter: [401, "unauthorized"],
        editor: [401, "unauthorized"],
        admin: [401, "unauthorized"],
        "cookie without CSRF": [401, "unauthorized"],
      },
      prepare: async () => ({}),
    },
  ],
};
