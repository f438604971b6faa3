/**
 * RESP2, the Redis serialization protocol: commands out as arrays of bulk strings, replies in as
 * any of its five types. Bulk strings stay bytes, so image data passes through unchanged.
 *
 * @module
 */
import { Buffer } from "node:buffer";

/** A reply Redis sent with `-`: the command failed, the connection is fine. */
export class RedisReplyError extends Error {
  /** @param message The error line without its `-`, e.g. `WRONGTYPE Operation against…`. */
  constructor(message: string) {
    super(message);
    this.name = "RedisReplyError";
  }
}

/**
 * One decoded reply: a simple string as `string`, an integer as `number`, a bulk string as
 * bytes, a null bulk string or null array as `null`, an error as {@linkcode RedisReplyError}.
 */
export type RespValue =
  | string
  | number
  | Uint8Array<ArrayBuffer>
  | null
  | RedisReplyError
  | RespValue[];

const CR = 13;
const LF = 10;
const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

/** A command: its name and arguments, binary-safe. */
export type RedisCommand = readonly (string | Uint8Array)[];

/**
 * Encodes commands as RESP arrays of bulk strings, back to back, for one pipelined write.
 *
 * @example Encode PING
 * ```ts
 * import assert from "node:assert/strict";
 * const bytes = encodeCommands([["PING"]]);
 * assert.equal(new TextDecoder().decode(bytes), "*1\r\n$4\r\nPING\r\n");
 * ```
 *
 * @param commands Each a command name and its arguments; strings are sent as UTF-8.
 * @returns The bytes to write.
 */
export function encodeCommands(commands: readonly RedisCommand[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const args of commands) {
    parts.push(ENCODER.encode(`*${args.length}\r\n`));
    for (const arg of args) {
      const bytes = typeof arg === "string" ? ENCODER.encode(arg) : arg;
      parts.push(ENCODER.encode(`$${bytes.byteLength}\r\n`), bytes, CRLF);
    }
  }
  return Buffer.concat(parts);
}

const CRLF = new Uint8Array([CR, LF]);

/** A decoded value and the offset just past it. */
type Parsed = { value: RespValue; end: number } | undefined;

/**
 * Decodes replies from a byte stream that arrives in arbitrary chunks: {@linkcode RespReader.push}
 * what was read, then take replies with {@linkcode RespReader.next} until it returns `undefined`.
 *
 * @example Two replies split across reads
 * ```ts
 * import assert from "node:assert/strict";
 * const reader = new RespReader();
 * reader.push(new TextEncoder().encode("+OK\r\n:4"));
 * assert.equal(reader.next(), "OK");
 * assert.equal(reader.next(), undefined);
 * reader.push(new TextEncoder().encode("2\r\n"));
 * assert.equal(reader.next(), 42);
 * ```
 */
export class RespReader {
  #buffer = new Uint8Array(16384);
  #start = 0;
  #end = 0;

  /**
   * Appends bytes read from the connection.
   *
   * @param chunk The bytes; copied, so the caller may reuse its buffer.
   */
  push(chunk: Uint8Array): void {
    if (this.#end + chunk.byteLength > this.#buffer.byteLength) this.#makeRoom(chunk.byteLength);
    this.#buffer.set(chunk, this.#end);
    this.#end += chunk.byteLength;
  }

  /**
   * The next complete reply, removed from the buffer.
   *
   * @returns The reply, or `undefined` until all of it has arrived.
   * @throws {SyntaxError} The bytes are not RESP2 (the stream cannot be resynchronised).
   */
  next(): RespValue | undefined {
    const parsed = this.#parse(this.#start);
    if (parsed === undefined) return undefined;
    this.#start = parsed.end;
    if (this.#start === this.#end) this.#start = this.#end = 0;
    return parsed.value;
  }

  #makeRoom(extra: number): void {
    const pending = this.#end - this.#start;
    const size = Math.max(this.#buffer.byteLength, (pending + extra) * 2);
    const buffer = size > this.#buffer.byteLength ? new Uint8Array(size) : this.#buffer;
    buffer.set(this.#buffer.subarray(this.#start, this.#end), 0);
    this.#buffer = buffer;
    this.#start = 0;
    this.#end = pending;
  }

  #parse(at: number): Parsed {
    const lineEnd = this.#buffer.subarray(at, this.#end).indexOf(CR);
    if (lineEnd < 0 || at + lineEnd + 1 >= this.#end) return undefined;
    const line = DECODER.decode(this.#buffer.subarray(at + 1, at + lineEnd));
    const end = at + lineEnd + 2;
    switch (this.#buffer[at]) {
      case 0x2b: // +
        return { value: line, end };
      case 0x2d: // -
        return { value: new RedisReplyError(line), end };
      case 0x3a: // :
        return { value: parseLength(line, -Infinity), end };
      case 0x24: // $
        return this.#parseBulk(parseLength(line, -1), end);
      case 0x2a: // *
        return this.#parseArray(parseLength(line, -1), end);
      default:
        throw new SyntaxError(`Cannot parse Redis reply: type byte "${this.#buffer[at]}" unknown`);
    }
  }

  #parseBulk(length: number, at: number): Parsed {
    if (length === -1) return { value: null, end: at };
    if (at + length + 2 > this.#end) return undefined;
    return { value: this.#buffer.slice(at, at + length), end: at + length + 2 };
  }

  #parseArray(count: number, at: number): Parsed {
    if (count === -1) return { value: null, end: at };
    const values: RespValue[] = [];
    let end = at;
    for (let i = 0; i < count; i++) {
      const parsed = this.#parse(end);
      if (parsed === undefined) return undefined;
      values.push(parsed.value);
      end = parsed.end;
    }
    return { value: values, end };
  }
}

/** An integer line; lengths may be -1 (null) but nothing below `min`. */
function parseLength(line: string, min: number): number {
  const value = Number(line);
  if (!Number.isSafeInteger(value) || value < min || line === "") {
    throw new SyntaxError(`Cannot parse Redis reply: "${line}" is not a valid integer`);
  }
  return value;
}
