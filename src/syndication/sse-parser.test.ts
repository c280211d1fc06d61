import { describe, expect, it } from "vitest";
import { type SseEvent, SseParser, SseTooLarge } from "./sse-parser.js";

function parseIn(chunks: (string | Buffer)[], maxEventBytes?: number) {
  const events: SseEvent[] = [];
  const parser = new SseParser((e) => events.push(e), maxEventBytes ? { maxEventBytes } : {});
  for (const chunk of chunks) parser.push(chunk);
  return { events, parser };
}

/** Every way of cutting `text` in two, and byte by byte. */
function cuts(text: string): (string | Buffer)[][] {
  const bytes = Buffer.from(text, "utf8");
  const ways: Buffer[][] = [[...bytes].map((b) => Buffer.from([b]))];
  for (let i = 1; i < bytes.length; i++) ways.push([bytes.subarray(0, i), bytes.subarray(i)]);
  return ways;
}

describe("SseParser", () => {
  const stream =
    'retry: 3000\r\n: heartbeat\r\n\r\nid: 7\r\nevent: post\r\ndata: {"a":\r\ndata: "é"}\r\n\r\n' +
    ': comment\n\nid: 8\revent: delete\rdata: {"id":"x"}\r\rdata:no space\n\n';

  it("reads events, ids, multi-line data and comments however the bytes are cut", () => {
    for (const chunks of cuts(stream)) {
      const { events, parser } = parseIn(chunks);
      expect(events).toEqual([
        { event: "post", data: '{"a":\n"é"}', id: "7" },
        { event: "delete", data: '{"id":"x"}', id: "8" },
        { event: "message", data: "no space", id: "8" },
      ]);
      expect(parser.retryMs).toBe(3000);
    }
  });

  it("does not dispatch an event before its blank line, nor one without data", () => {
    const { events } = parseIn(["event: reset\nid: 4\n\n", "data: 1\n"]);
    expect(events).toEqual([]);
  });

  it("treats a CR at the end of a chunk and a LF at the start of the next as one line end", () => {
    const { events } = parseIn(["data: a\r", "\n", "\r", "\ndata: b\n\n"]);
    expect(events.map((e) => e.data)).toEqual(["a", "b"]);
  });

  it("ignores a retry that is not digits, unknown fields and a leading byte-order mark", () => {
    const { events, parser } = parseIn(["\ufeffretry: 1s\nfoo: bar\ndata\n\n"]);
    expect(parser.retryMs).toBeUndefined();
    expect(events).toEqual([{ event: "message", data: "", id: "" }]);
  });

  it("refuses an event larger than the limit, in data lines or in one unended line", () => {
    expect(() => parseIn(["data: 0123456789\n".repeat(20)], 100)).toThrow(SseTooLarge);
    expect(() => parseIn(["data: ", "x".repeat(200)], 100)).toThrow(SseTooLarge);
    expect(parseIn(["data: 0123456789\n\n".repeat(20)], 100).events).toHaveLength(20);
  });
});
