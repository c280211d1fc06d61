import { describe, expect, it } from "vitest";
import { formatEvent, formatRetry, HEARTBEAT, parseLastEventId, SSE_HEADERS } from "./sse.js";

describe("formatEvent", () => {
  it("writes id, event and one data line, then a blank line", () => {
    expect(formatEvent(7, "post", '{"id":"p1"}')).toBe('id: 7\nevent: post\ndata: {"id":"p1"}\n\n');
  });

  it("splits data with line breaks into several data lines", () => {
    expect(formatEvent(1, "blog", "a\nb\r\nc\rd")).toBe(
      "id: 1\nevent: blog\ndata: a\ndata: b\ndata: c\ndata: d\n\n",
    );
  });

  it("refuses an event name that would break the framing", () => {
    expect(() => formatEvent(1, "post\ndata: forged", "{}")).toThrow(RangeError);
    expect(() => formatEvent(-1, "post", "{}")).toThrow(RangeError);
  });
});

describe("stream furniture", () => {
  it("has the retry hint, the heartbeat comment and headers proxies respect", () => {
    expect(formatRetry(3000)).toBe("retry: 3000\n\n");
    expect(HEARTBEAT).toBe(":\n\n");
    expect(SSE_HEADERS).toEqual({
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
  });
});

describe("parseLastEventId", () => {
  it.each([
    ["12", undefined, 12],
    [undefined, "12", 12],
    ["0", undefined, 0],
    ["12", "3", 12],
    ["", "3", 3],
    ["abc", "3", null],
    [undefined, undefined, null],
    ["-1", undefined, null],
    ["1.5", undefined, null],
    ["1e3", undefined, null],
    ["0x10", undefined, null],
    ["9007199254740992", undefined, null],
    ["9007199254740991", undefined, 9007199254740991],
    [undefined, "", null],
  ] as const)("header %j, query %j → %j", (header, query, expected) => {
    expect(parseLastEventId(header, query)).toBe(expected);
  });
});
