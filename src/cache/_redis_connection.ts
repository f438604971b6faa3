import type { RedisAddress } from "./_redis_address.ts";
import type { RedisScript } from "./_redis_scripts.ts";
import {
  encodeCommands,
  type RedisCommand,
  RedisReplyError,
  RespReader,
  type RespValue,
} from "./_resp_codec.ts";
import { SharedCacheUnavailableError } from "./shared_cache_unavailable_error.ts";

/** After a failure the next attempt waits this long, doubling up to the maximum. */
const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 3000;
const READ_CHUNK_BYTES = 65536;

interface PendingReply {
  resolve(value: RespValue): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/** One TCP connection and the replies it still owes, in the order the commands were written. */
interface Link {
  readonly conn: Deno.TcpConn;
  readonly reader: RespReader;
  readonly pending: PendingReply[];
  writes: Promise<void>;
  closed: boolean;
}

/**
 * One pipelined connection to Redis, shared by every caller: commands are written as they come
 * and replies matched to them in order. A reply later than `timeoutMs` drops the connection (a
 * pipeline cannot skip one reply), failing everything still waiting on it. After any failure,
 * commands fail at once until a growing back-off (0.2 s doubling to 3 s) has passed, then one
 * reconnect is tried; so a Redis that is down costs callers nothing but a rejected promise.
 */
export class RedisConnection {
  readonly #address: RedisAddress;
  readonly #timeoutMs: number;
  #link: Link | undefined;
  #connecting: Promise<Link> | undefined;
  #retryAt = 0;
  #backoffMs = 0;
  #lastError: unknown;
  #closed = false;
  /** Set once an ACL refused EVALSHA: scripts are then sent with EVAL. */
  #evalOnly = false;
  /** SCRIPT LOADs in flight by SHA-1, shared by every call that found the script missing. */
  readonly #loading = new Map<string, Promise<boolean>>();

  /**
   * @param address The server and its credentials; nothing is connected until the first command.
   * @param options `timeoutMs`: how long to wait to connect, and for each reply.
   */
  constructor(address: RedisAddress, options: { timeoutMs: number }) {
    this.#address = address;
    this.#timeoutMs = options.timeoutMs;
  }

  /** `host:port`, for messages. */
  get label(): string {
    return `${this.#address.hostname}:${this.#address.port}`;
  }

  /**
   * Sends commands in one write and waits for all their replies.
   *
   * @param commands The commands.
   * @returns One reply per command; a reply may be a {@linkcode RedisReplyError}.
   * @throws {SharedCacheUnavailableError} Redis cannot be reached, is backing off after a
   *   failure, or did not answer within the timeout.
   */
  async send(commands: readonly RedisCommand[]): Promise<RespValue[]> {
    const link = await this.#connected();
    return await this.#exchange(link, commands);
  }

  /**
   * Runs a Lua script by its SHA-1 (EVALSHA). When Redis has not cached it (the first run, or
   * after a restart or `SCRIPT FLUSH`) the source is sent once with SCRIPT LOAD, however many
   * calls found it missing, and each of them retries EVALSHA. The source goes with every call
   * (EVAL) only once the user's ACL has refused EVALSHA, or for a call whose SCRIPT LOAD was
   * refused.
   *
   * @param script The script.
   * @param args Its ARGV; the script takes no KEYS.
   * @returns Its reply, which may be a {@linkcode RedisReplyError}.
   * @throws {SharedCacheUnavailableError} As {@linkcode RedisConnection.send}.
   */
  async evalScript(
    script: RedisScript,
    args: readonly (string | Uint8Array)[],
  ): Promise<RespValue> {
    if (!this.#evalOnly) {
      const evalSha: RedisCommand = ["EVALSHA", script.sha1, "0", ...args];
      let [reply] = await this.send([evalSha]);
      if (isReplyError(reply, "NOSCRIPT") && await this.#load(script)) {
        [reply] = await this.send([evalSha]);
      }
      if (!isReplyError(reply, "NOSCRIPT") && !isReplyError(reply, "NOPERM")) return reply;
      // An ACL may allow EVAL and not EVALSHA (`+eval`): from then on, send the source.
      if (isReplyError(reply, "NOPERM")) this.#evalOnly = true;
    }
    const [evaluated] = await this.send([["EVAL", script.source, "0", ...args]]);
    return evaluated;
  }

  /** @returns Whether Redis cached the script (an ACL may refuse SCRIPT LOAD). */
  #load(script: RedisScript): Promise<boolean> {
    let loading = this.#loading.get(script.sha1);
    if (!loading) {
      loading = this.send([["SCRIPT", "LOAD", script.source]])
        .then(([reply]) => !(reply instanceof RedisReplyError))
        .finally(() => this.#loading.delete(script.sha1));
      this.#loading.set(script.sha1, loading);
    }
    return loading;
  }

  /** Closes the connection; commands sent afterwards fail. */
  close(): void {
    this.#closed = true;
    if (this.#link) this.#drop(this.#link, new Error("Connection closed by Tessera"));
  }

  async #connected(): Promise<Link> {
    if (this.#link) return this.#link;
    if (this.#closed || Date.now() < this.#retryAt) {
      throw new SharedCacheUnavailableError(this.label, { cause: this.#lastError });
    }
    this.#connecting ??= this.#open().finally(() => this.#connecting = undefined);
    return await this.#connecting;
  }

  async #open(): Promise<Link> {
    let link: Link | undefined;
    try {
      link = this.#startLink(await this.#connect());
      await this.#handshake(link);
    } catch (error) {
      if (link) this.#drop(link, error);
      else this.#backOff(error);
      throw new SharedCacheUnavailableError(this.label, { cause: error });
    }
    if (this.#closed) {
      this.#drop(link, new Error("Connection closed by Tessera"));
      throw new SharedCacheUnavailableError(this.label);
    }
    this.#link = link;
    this.#backoffMs = 0;
    return link;
  }

  async #connect(): Promise<Deno.TcpConn> {
    // Not AbortSignal.timeout: the signal must stop the attempt, never the open connection.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error("Connect timed out")), this.#timeoutMs);
    try {
      const { hostname, port } = this.#address;
      const conn = await Deno.connect({ hostname, port, signal: abort.signal });
      conn.setNoDelay(true);
      return conn;
    } finally {
      clearTimeout(timer);
    }
  }

  /** AUTH and SELECT before any other command; a rejected password fails the connection. */
  async #handshake(link: Link): Promise<void> {
    const { username, password, db } = this.#address;
    const commands: RedisCommand[] = [];
    if (password !== undefined) {
      commands.push(username === undefined ? ["AUTH", password] : ["AUTH", username, password]);
    }
    if (db !== 0) commands.push(["SELECT", String(db)]);
    for (const reply of await this.#exchange(link, commands)) {
      if (reply instanceof RedisReplyError) throw reply;
    }
  }

  #startLink(conn: Deno.TcpConn): Link {
    const link: Link = {
      conn,
      reader: new RespReader(),
      pending: [],
      writes: Promise.resolve(),
      closed: false,
    };
    this.#readLoop(link);
    return link;
  }

  /** Registers the replies before writing, so the read loop always knows who is owed what. */
  #exchange(link: Link, commands: readonly RedisCommand[]): Promise<RespValue[]> {
    if (commands.length === 0) return Promise.resolve([]);
    const replies = commands.map(() => this.#expectReply(link));
    const bytes = encodeCommands(commands);
    link.writes = link.writes
      .then(() => writeAll(link.conn, bytes))
      .catch((error) => this.#drop(link, error));
    return Promise.all(replies);
  }

  #expectReply(link: Link): Promise<RespValue> {
    if (link.closed) {
      return Promise.reject(
        new SharedCacheUnavailableError(this.label, { cause: this.#lastError }),
      );
    }
    const { promise, resolve, reject } = Promise.withResolvers<RespValue>();
    const timer = setTimeout(
      () => this.#drop(link, new Error(`No reply within ${this.#timeoutMs} ms`)),
      this.#timeoutMs,
    );
    link.pending.push({ resolve, reject, timer });
    return promise;
  }

  async #readLoop(link: Link): Promise<void> {
    const chunk = new Uint8Array(READ_CHUNK_BYTES);
    try {
      while (!link.closed) {
        const count = await link.conn.read(chunk);
        if (count === null) throw new Error("Connection closed by Redis");
        link.reader.push(chunk.subarray(0, count));
        for (let reply = link.reader.next(); reply !== undefined; reply = link.reader.next()) {
          const waiting = link.pending.shift();
          if (!waiting) throw new SyntaxError("Redis sent a reply nobody asked for");
          clearTimeout(waiting.timer);
          waiting.resolve(reply);
        }
      }
    } catch (error) {
      this.#drop(link, error);
    }
  }

  /** Closes a failed connection once, fails whatever it still owed and starts the back-off. */
  #drop(link: Link, error: unknown): void {
    if (link.closed) return;
    link.closed = true;
    if (this.#link === link) this.#link = undefined;
    this.#backOff(error);
    try {
      link.conn.close();
    } catch {
      // Already closed by the peer: nothing left to release.
    }
    for (const waiting of link.pending.splice(0)) {
      clearTimeout(waiting.timer);
      waiting.reject(new SharedCacheUnavailableError(this.label, { cause: error }));
    }
  }

  #backOff(error: unknown): void {
    this.#lastError = error;
    this.#backoffMs = Math.min(Math.max(this.#backoffMs * 2, FIRST_BACKOFF_MS), MAX_BACKOFF_MS);
    this.#retryAt = Date.now() + this.#backoffMs;
  }
}

function isReplyError(reply: RespValue, code: string): boolean {
  return reply instanceof RedisReplyError && reply.message.startsWith(code);
}

async function writeAll(conn: Deno.TcpConn, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.byteLength;) {
    offset += await conn.write(bytes.subarray(offset));
  }
}
