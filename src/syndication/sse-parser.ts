// A Server-Sent Events parser as the HTML standard's "interpret an event stream" describes it:
// bytes arrive in chunks cut anywhere (inside a line, between CR and LF, inside a UTF-8
// character); lines end with CRLF, LF or CR; `data` lines join with "\n"; a line starting
// with ":" is a comment; `id` sets the last event id (and is kept across events, but an id
// holding NUL is ignored); `retry` takes digits only; a blank line dispatches the event, and
// one with no data is not dispatched. An event larger than `maxEventBytes` is an error: a
// source cannot make the follower hold an unbounded event in memory.

import { StringDecoder } from "node:string_decoder";

export interface SseEvent {
  /** `message` when the event named none. */
  event: string;
  data: string;
  /** The last event id as of this event ("" before any). */
  id: string;
}

export class SseTooLarge extends Error {}

export class SseParser {
  readonly #decoder = new StringDecoder("utf8");
  readonly #maxEventBytes: number;
  #buffer = "";
  /** The previous chunk ended with CR: a LF at the start of the next one belongs to it. */
  #pendingCr = false;
  #event = "";
  #data: string[] = [];
  #dataSize = 0;
  #lastId = "";
  #first = true;
  /** The latest `retry` hint, in milliseconds. */
  retryMs: number | undefined;

  constructor(
    private readonly onEvent: (event: SseEvent) => void,
    options: { maxEventBytes?: number } = {},
  ) {
    this.#maxEventBytes = options.maxEventBytes ?? 1024 * 1024;
  }

  get lastEventId(): string {
    return this.#lastId;
  }

  push(chunk: Buffer | string): void {
    let text = typeof chunk === "string" ? chunk : this.#decoder.write(chunk);
    if (this.#first && text.length > 0) {
      this.#first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.#pendingCr && text.startsWith("\n")) text = text.slice(1);
    this.#pendingCr = false;
    this.#buffer += text;
    let start = 0;
    for (;;) {
      const end = nextLineEnd(this.#buffer, start);
      if (end === -1) break;
      this.#line(this.#buffer.slice(start, end));
      if (this.#buffer[end] === "\r") {
        if (end + 1 === this.#buffer.length) {
          this.#pendingCr = true;
          start = end + 1;
          continue;
        }
        start = this.#buffer[end + 1] === "\n" ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
    }
    this.#buffer = this.#buffer.slice(start);
    if (this.#buffer.length + this.#dataSize > this.#maxEventBytes) {
      throw new SseTooLarge(`An event is larger than ${this.#maxEventBytes} bytes`);
    }
  }

  #line(line: string): void {
    if (line === "") {
      this.#dispatch();
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    switch (field) {
      case "event":
        this.#event = value;
        break;
      case "data":
        this.#data.push(value);
        this.#dataSize += value.length + 1;
        if (this.#dataSize > this.#maxEventBytes) {
          throw new SseTooLarge(`An event is larger than ${this.#maxEventBytes} bytes`);
        }
        break;
      case "id":
        if (!value.includes("\0")) this.#lastId = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
    }
  }

  #dispatch(): void {
    const data = this.#data;
    const event = this.#event;
    this.#data = [];
    this.#dataSize = 0;
    this.#event = "";
    if (data.length === 0) return;
    this.onEvent({ event: event || "message", data: data.join("\n"), id: this.#lastId });
  }
}

function nextLineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}
