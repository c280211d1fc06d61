// The backup archive's container: a plain POSIX ustar file, so `tar -tvf` lists any backup and
// `tar -xf` unpacks it by hand. Only what a backup needs: regular files with relative names,
// written one after the other, each hashed (SHA-256) as its bytes go in. The reader takes
// nothing on trust: header checksums, sizes against the file's length, and regular files only
// (a link or device in a doctored archive is refused, never followed).

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";

const BLOCK = 512;
/** The largest size the 11 octal digits of a ustar header hold; beyond it, base-256. */
const OCTAL_SIZE_LIMIT = 8 ** 11 - 1;

export class ArchiveError extends Error {}

export interface WrittenEntry {
  name: string;
  bytes: number;
  sha256: string;
}

export class TarWriter {
  private offset = 0;

  private constructor(private readonly handle: FileHandle) {}

  /** A new archive at `file`, which must not exist yet. */
  static async create(file: string): Promise<TarWriter> {
    return new TarWriter(await open(file, "wx"));
  }

  /**
   * Adds a file of exactly `bytes` bytes from `source`. A source that yields more or fewer
   * (a file that changed while it was read) is an error, since the header already said.
   */
  async add(
    name: string,
    bytes: number,
    source: AsyncIterable<Buffer | Uint8Array>,
  ): Promise<WrittenEntry> {
    await this.write(header(name, bytes));
    const hash = createHash("sha256");
    let written = 0;
    for await (const chunk of source) {
      written += chunk.length;
      if (written > bytes) break;
      hash.update(chunk);
      await this.write(chunk);
    }
    if (written !== bytes) {
      throw new ArchiveError(
        `${name} changed while it was being archived (size ${bytes} → ${written})`,
      );
    }
    const padding = (BLOCK - (bytes % BLOCK)) % BLOCK;
    if (padding) await this.write(Buffer.alloc(padding));
    return { name, bytes, sha256: hash.digest("hex") };
  }

  /** Writes the end-of-archive marker, flushes to the disk and closes. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    await this.handle.sync();
    await this.handle.close();
  }

  /** Closes without finishing, after a failure. */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => {});
  }

  private async write(data: Buffer | Uint8Array): Promise<void> {
    let done = 0;
    while (done < data.length) {
      const { bytesWritten } = await this.handle.write(data, done, data.length - done, this.offset);
      done += bytesWritten;
      this.offset += bytesWritten;
    }
  }
}

function header(name: string, bytes: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  const [prefix, base] = splitName(name);
  block.write(base, 0, 100, "ascii");
  block.write("0000644\0", 100, "ascii");
  block.write("0000000\0", 108, "ascii");
  block.write("0000000\0", 116, "ascii");
  if (bytes <= OCTAL_SIZE_LIMIT) block.write(`${bytes.toString(8).padStart(11, "0")}\0`, 124);
  else {
    // GNU base-256: the high bit of the first byte set, the size big-endian in the field.
    block.writeUInt8(0x80, 124);
    block.writeBigUInt64BE(BigInt(bytes), 128);
  }
  const mtime = Math.floor(Date.now() / 1000);
  block.write(`${mtime.toString(8).padStart(11, "0")}\0`, 136, "ascii");
  block.write("0", 156, "ascii");
  block.write("ustar\0", 257, "ascii");
  block.write("00", 263, "ascii");
  block.write(prefix, 345, 155, "ascii");
  block.write(`${checksum(block).toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return block;
}

/** ustar keeps up to 100 characters of name and 155 of prefix, split at a slash. */
function splitName(name: string): [string, string] {
  if (!/^[\x21-\x7e]+$/.test(name)) throw new ArchiveError(`Not an archivable name: ${name}`);
  if (name.length <= 100) return ["", name];
  for (let at = name.indexOf("/"); at !== -1; at = name.indexOf("/", at + 1)) {
    if (at <= 155 && name.length - at - 1 <= 100) return [name.slice(0, at), name.slice(at + 1)];
  }
  throw new ArchiveError(`Name too long for the archive: ${name}`);
}

/** The header's byte sum, counting its own checksum field as eight spaces. */
function checksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum;
}

export interface ArchiveEntry {
  name: string;
  bytes: number;
  /** Where the entry's bytes start in the archive file. */
  offset: number;
}

/**
 * The regular files in a ustar archive, in order, without reading their contents. With
 * `skipDirectories`, directory entries (which `tar -cf x.tar dir/` writes) are passed over
 * rather than refused.
 */
export async function listArchive(
  file: string,
  options: { skipDirectories?: boolean } = {},
): Promise<ArchiveEntry[]> {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    const entries: ArchiveEntry[] = [];
    const block = Buffer.alloc(BLOCK);
    let at = 0;
    for (;;) {
      if (at + BLOCK > size) throw new ArchiveError("The archive is truncated (no end marker)");
      await handle.read(block, 0, BLOCK, at);
      if (block.every((byte) => byte === 0)) return entries;
      if (checksum(block) !== parseOctal(block, 148, 8)) {
        throw new ArchiveError(`The archive is damaged: bad header checksum at byte ${at}`);
      }
      const type = String.fromCharCode(block[156] ?? 0);
      const name = joinName(field(block, 345, 155), field(block, 0, 100));
      if (type === "5" && options.skipDirectories) {
        at += BLOCK;
        continue;
      }
      if (type !== "0" && type !== "\0") {
        throw new ArchiveError(`The archive holds ${name}, which is not a regular file`);
      }
      const bytes = parseSize(block);
      const offset = at + BLOCK;
      if (offset + bytes > size) throw new ArchiveError(`The archive is truncated inside ${name}`);
      entries.push({ name, bytes, offset });
      at = offset + Math.ceil(bytes / BLOCK) * BLOCK;
    }
  } finally {
    await handle.close();
  }
}

/** An entry's bytes, streamed from the archive file. */
export function readEntry(file: string, entry: ArchiveEntry): Readable {
  if (entry.bytes === 0) return Readable.from([]);
  return createReadStream(file, { start: entry.offset, end: entry.offset + entry.bytes - 1 });
}

/** Reads an entry whole, for the small ones (the manifest). */
export async function readEntryText(file: string, entry: ArchiveEntry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of readEntry(file, entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The SHA-256 (hex) of an entry's bytes. */
export async function hashEntry(file: string, entry: ArchiveEntry): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of readEntry(file, entry)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("ascii");
}

function joinName(prefix: string, name: string): string {
  return prefix ? `${prefix}/${name}` : name;
}

function parseOctal(block: Buffer, start: number, length: number): number {
  const text = field(block, start, length).trim();
  return /^[0-7]+$/.test(text) ? Number.parseInt(text, 8) : -1;
}

function parseSize(block: Buffer): number {
  if (((block[124] ?? 0) & 0x80) !== 0) return Number(block.readBigUInt64BE(128));
  const bytes = parseOctal(block, 124, 12);
  if (bytes < 0) throw new ArchiveError("The archive is damaged: a size is unreadable");
  return bytes;
}
