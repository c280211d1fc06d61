// The OpenAPI paths of the newsroom's account routes (session, users, tokens), spread
// into the document by ../meta/openapi.ts. Kept here, next to the routes they describe.

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: "Error", ...json(errorRef) }]));
const signedIn = [{ bearerAuth: [] }, { sessionCookie: [] }];
const id = { name: "id", in: "path", required: true, schema: { type: "string" } };
const str = { type: "string" };
const role = { enum: ["admin", "editor", "reporter"] };

const sessionUser = {
  type: "object",
  properties: {
    id: str,
    email: str,
    name: str,
    role,
    mustChangePassword: {
      type: "boolean",
      description:
        "True after an admin reset the password: until it is changed, writes with this session other than POST /api/session/password and signing out answer 403 password_change_required",
    },
    title: { type: "string", description: "Shown beside the name in bylines" },
    avatar: { type: "string", description: "The byline portrait: an uploaded /media/… path" },
  },
  required: ["id", "email", "name", "role", "mustChangePassword"],
};
const sessionAnswer = json({
  type: "object",
  properties: { user: sessionUser, csrfToken: str },
  required: ["user", "csrfToken"],
});
const user = {
  type: "object",
  properties: { ...sessionUser.properties, disabled: { type: "boolean" }, createdAt: str },
};
const token = {
  type: "object",
  properties: {
    id: str,
    label: str,
    user: { type: "object", properties: { id: str, name: str, email: str } },
    createdAt: str,
    revokedAt: str,
  },
};
/** Security scheme for the session cookie; writes with it also need X-CSRF-Token. */
export const sessionCookieScheme = {
  sessionCookie: { type: "apiKey", in: "cookie", name: "dispatch_session" },
};

export const accountPaths: Json = {
  "/api/session": {
    post: {
      summary:
        "Sign in; sets the dispatch_session cookie and the dispatch_device recognised-device cookie (public; throttled per email and address, 429 with Retry-After, sparing a recognised device)",
      requestBody: {
        required: true,
        ...json({
          type: "object",
          properties: { email: str, password: str },
          required: ["email", "password"],
        }),
      },
      responses: {
        "200": { description: "Signed in", ...sessionAnswer },
        ...errors(401, 403, 422, 429),
      },
    },
    get: {
      summary:
        "The signed-in user and the CSRF token for writes; with optional=true, signed out answers 200 {user: null, csrfToken: null} instead of 401",
      security: [{ sessionCookie: [] }, {}],
      parameters: [
        {
          name: "optional",
          in: "query",
          required: false,
          schema: { type: "string", enum: ["true"] },
        },
      ],
      responses: { "200": { description: "Signed in", ...sessionAnswer }, ...errors(401) },
    },
    delete: {
      summary: "Sign out; clears the cookie",
      responses: { "204": { description: "Signed out" }, ...errors(403) },
    },
  },
  "/api/session/password": {
    post: {
      summary:
        "Change one's password (also a temporary one an admin set; the new one must differ); ends one's other sessions",
      security: signedIn,
      requestBody: {
        required: true,
        ...json({
          type: "object",
          properties: { currentPassword: str, newPassword: { ...str, minLength: 10 } },
          required: ["currentPassword", "newPassword"],
        }),
      },
      responses: { "204": { description: "Changed" }, ...errors(401, 403, 422, 429) },
    },
  },
  "/api/users": {
    get: {
      summary: "Newsroom users (admins)",
      security: signedIn,
      responses: {
        "200": {
          description: "Users",
          ...json({ type: "object", properties: { users: { type: "array", items: user } } }),
        },
        ...errors(401, 403),
      },
    },
    post: {
      summary: "Add a user (admins); the password is answered only when generated",
      security: signedIn,
      requestBody: {
        required: true,
        ...json({
          type: "object",
          properties: {
            email: { ...str, format: "email" },
            role,
            name: str,
            password: { ...str, minLength: 10 },
          },
          required: ["email", "role"],
        }),
      },
      responses: {
        "201": {
          description: "Added",
          ...json({ type: "object", properties: { user, password: str } }),
        },
        ...errors(401, 403, 409, 422),
      },
    },
  },
  "/api/users/{id}": {
    patch: {
      summary:
        "Rename, re-role, disable or enable a user (admins). A demotion or disabling ends the user's sessions; their API tokens follow the new role at once. Leaving the newsroom without an active admin answers 409 last_admin",
      security: signedIn,
      parameters: [id],
      requestBody: {
        required: true,
        ...json({ type: "object", properties: { name: str, role, disabled: { type: "boolean" } } }),
      },
      responses: {
        "200": { description: "The user", ...json(user) },
        ...errors(401, 403, 404, 409, 422),
      },
    },
  },
  "/api/users/{id}/password": {
    post: {
      summary:
        "Reset a user's password to a temporary one (admins): typed, or generated and answered once. The user's sessions end and they must choose a new password at their next sign-in; their API tokens keep working",
      security: signedIn,
      parameters: [id],
      requestBody: {
        required: false,
        ...json({ type: "object", properties: { password: { ...str, minLength: 10 } } }),
      },
      responses: {
        "200": {
          description: "Reset; `password` only when generated",
          ...json({ type: "object", properties: { user, password: str } }),
        },
        ...errors(401, 403, 404, 422),
      },
    },
  },
  "/api/tokens": {
    get: {
      summary: "API tokens: all for admins, one's own for others",
      security: signedIn,
      responses: {
        "200": {
          description: "Tokens",
          ...json({ type: "object", properties: { tokens: { type: "array", items: token } } }),
        },
        ...errors(401),
      },
    },
    post: {
      summary: "Create an API token (userId: admins only); the token is shown once",
      security: signedIn,
      requestBody: {
        required: true,
        ...json({
          type: "object",
          properties: { label: { ...str, maxLength: 120 }, userId: str },
          required: ["label"],
        }),
      },
      responses: {
        "201": {
          description: "Created",
          ...json({ type: "object", properties: { token: str, id: str, label: str } }),
        },
        ...errors(401, 403, 404, 422),
      },
    },
  },
  "/api/tokens/{id}": {
    delete: {
      summary: "Revoke an API token (one's own; admins any)",
      security: signedIn,
      parameters: [id],
      responses: { "204": { description: "Revoked" }, ...errors(401, 403, 404) },
    },
  },
};
