// The NUL guard and the body-depth limit: what they find, and that no body, however deep,
// makes either run out of stack (a 500) instead of refusing it.

import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { installErrorHandling } from "./errors.js";
import { findNul, installNulGuard, MAX_BODY_DEPTH } from "./nul-guard.js";

const nested = (depth: number, inner: unknown = "x") => {
  let value: unknown = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe("findNul", () => {
  it("names the first string holding a NUL, in document order", () => {
    expect(findNul({ a: ["ok", { b: "x\u0000" }], c: "\u0000" })).toEqual(["a", 1, "b"]);
    expect(findNul({ "k\u0000": 1 })).toEqual(["k\u0000"]);
    expect(findNul({ a: ["fine"] })).toBeNull();
  });

  it("looks through any depth without running out of stack", () => {
    expect(findNul(nested(200_000, "\u0000"))).toHaveLength(200_000);
  });
});

describe("the body guard", () => {
  async function app() {
    const app = Fastify();
    installErrorHandling(app);
    installNulGuard(app);
    app.post("/echo", async (request) => ({ got: typeof request.body }));
    return app;
  }

  it("refuses a body nested deeper than any the API takes, as the client's mistake", async () => {
    const server = await app();
    const deep = await server.inject({
      method: "POST",
      url: "/echo",
      headers: { "content-type": "application/json" },
      payload: `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
    });
    expect(deep.statusCode).toBe(422);
    expect(deep.json().error.code).toBe("validation_failed");
    const fine = await server.inject({
      method: "POST",
      url: "/echo",
      payload: JSON.stringify(nested(MAX_BODY_DEPTH - 1)),
      headers: { "content-type": "application/json" },
    });
    expect(fine.statusCode).toBe(200);
  });
});
