import pg from "pg";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../core/errors.js";
import { databaseUnavailable, RETRY_AFTER_SECONDS } from "../unavailable.js";
import { isUnavailable } from "./pool.js";

function serverError(code: string, message: string): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, "error");
  error.code = code;
  return error;
}

describe("isUnavailable", () => {
  it("counts the server going away, refusing or timing out as the database being unavailable", () => {
    for (const error of [
      serverError("57P01", "terminating connection due to administrator command"),
      serverError("57P03", "the database system is starting up"),
      serverError("53300", "sorry, too many clients already"),
      serverError("08006", "connection failure"),
      serverError("57014", "canceling statement due to statement timeout"),
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      new Error("Connection terminated unexpectedly"),
      new Error("Query read timeout"),
      new Error("Client has encountered a connection error and is not queryable"),
    ]) {
      expect(isUnavailable(error), error.message).toBe(true);
    }
  });

  it("leaves a query's own mistakes to be answered as they are", () => {
    for (const error of [
      serverError("42601", "syntax error at or near"),
      serverError("23505", "duplicate key value violates unique constraint"),
      serverError("22021", "invalid byte sequence for encoding"),
      new TypeError("Do not know how to serialize a BigInt"),
      "a string, not an error",
    ]) {
      expect(isUnavailable(error), String(error)).toBe(false);
    }
  });
});

describe("databaseUnavailable", () => {
  it("is a domain error that says when to try again and keeps the driver's error as its cause", () => {
    const cause = new Error("Connection terminated unexpectedly");
    const error = databaseUnavailable(cause);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe("database_unavailable");
    expect(error.details).toEqual({ retryAfter: RETRY_AFTER_SECONDS });
    expect(error.cause).toBe(cause);
  });
});
