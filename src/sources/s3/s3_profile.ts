import { LRUCache } from "lru-cache";
import { type SourceProfile, type SourceRef, UpstreamError } from "../mod.ts";
import { credentialsFromEnv } from "./_s3_credentials.ts";
import { listKeys } from "./_list_keys.ts";
import { s3ErrorOf, s3Failure } from "./_s3_failure.ts";
import type { S3Bucket } from "./s3_object.ts";
import { type S3Answer, sendS3Request } from "./s3_request.ts";

/** What an {@linkcode S3Profile} serves, and how long it trusts what it looked up. */
export interface S3ProfileOptions {
  readonly bucket: S3Bucket;
  /** Prepended to every name to make its key, e.g. `scans/`; `""` for the whole bucket. */
  readonly prefix: string;
  /** Milliseconds a lookup (found or not) is reused, so the tiles of a view share one. 2,000. */
  readonly lookupTtlMs?: number;
  /** Lookups kept, least recently used dropped first. 10,000. */
  readonly maxLookups?: number;
  /** Milliseconds the result of {@linkcode S3Profile.list} is reused. 10,000. */
  readonly listTtlMs?: number;
  /** Names {@linkcode S3Profile.list} returns at most. 10,000. */
  readonly listLimit?: number;
}

const DEFAULTS = {
  lookupTtlMs: 2_000,
  maxLookups: 10_000,
  listTtlMs: 10_000,
  listLimit: 10_000,
} as const;

/** A lookup's outcome; `ref` is `undefined` for a missing key, which is cached too. */
interface Lookup {
  readonly ref: SourceRef | undefined;
}

/**
 * A profile serving the objects of an S3 (or S3-compatible) bucket under a key prefix: name
 * `a/b.tif` is key `<prefix>a/b.tif`. Nothing is downloaded: `resolve` is a HEAD (cached for a
 * moment, and shared by concurrent lookups), and bytes are read later by ranged GETs (see
 * `s3ByteSource`), so a tile of a pyramidal TIFF costs a few small reads. Names with `.`, `..`
 * or empty segments are never looked up: no name reaches outside the prefix, whatever a server
 * between here and S3 makes of such paths.
 */
export class S3Profile implements SourceProfile {
  readonly name: string;
  /** Where the objects are (no credentials: only the names of their variables). */
  readonly bucket: S3Bucket;
  readonly #prefix: string;
  readonly #lookups: LRUCache<string, Lookup>;
  readonly #listing: LRUCache<"all", string[]>;

  /**
   * @param name The profile name.
   * @param options The bucket, the prefix, and cache bounds (see {@linkcode S3ProfileOptions}).
   * @throws {TypeError} The environment holds only one of the key id and the secret.
   */
  constructor(name: string, options: S3ProfileOptions) {
    credentialsFromEnv(options.bucket.credentialVariables);
    this.name = name;
    this.bucket = options.bucket;
    this.#prefix = options.prefix;
    this.#lookups = new LRUCache({
      max: options.maxLookups ?? DEFAULTS.maxLookups,
      ttl: options.lookupTtlMs ?? DEFAULTS.lookupTtlMs,
      ignoreFetchAbort: true,
      fetchMethod: (name) => this.#lookUp(name),
    });
    const limit = options.listLimit ?? DEFAULTS.listLimit;
    this.#listing = new LRUCache({
      max: 1,
      ttl: options.listTtlMs ?? DEFAULTS.listTtlMs,
      fetchMethod: () => this.#listNames(limit),
    });
  }

  /**
   * The object behind `name`: its size, Last-Modified (as `mtimeMs`) and ETag.
   *
   * @returns The source, or `undefined` when S3 has no such key (404, or 403 `NoSuchKey`) or the
   *   name has a `.`, `..` or empty segment.
   * @throws {UpstreamError} S3 answered anything else (wrong credentials, no permission, …).
   * @throws {UpstreamTimeoutError} S3 did not answer within the profile's `timeout_ms`.
   * @throws {ForbiddenSourceError} The endpoint is not public and the profile does not allow it.
   */
  async resolve(name: string): Promise<SourceRef | undefined> {
    if (!isServable(name)) return undefined;
    return (await this.#lookups.forceFetch(name)).ref;
  }

  /**
   * The names under the prefix (from the first `listLimit` keys, 10,000 by default, sorted),
   * without folder markers (keys ending in `/`) or names `resolve` refuses; reused for
   * `listTtlMs`.
   *
   * @throws {UpstreamError} Or the other errors of {@linkcode S3Profile.resolve}.
   */
  async list(): Promise<string[]> {
    return [...await this.#listing.forceFetch("all")];
  }

  async #lookUp(name: string): Promise<Lookup> {
    const { bucket } = this;
    const key = this.#prefix + name;
    const identifier = `${this.name}:${name}`;
    const head = await sendS3Request(bucket, { method: "HEAD", key }, { identifier });
    if (head.status === 200) return { ref: this.#refOf(name, key, head) };
    if (head.status === 404) return { ref: undefined };
    // A HEAD answer has no body to say why; the same key's GET does (and S3 answers 403, not
    // 404, for a missing key to whoever may not list the bucket).
    const headers = { range: "bytes=0-0" };
    const get = await sendS3Request(bucket, { method: "GET", key, headers }, { identifier });
    if (get.status === 404 || s3ErrorOf(get).code === "NoSuchKey") return { ref: undefined };
    throw s3Failure(get.status >= 400 ? get : head, { bucket, identifier });
  }

  #refOf(name: string, key: string, head: S3Answer): SourceRef {
    const { bucket } = this;
    const size = Number(head.headers["content-length"]);
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new UpstreamError(
        `Cannot read "${this.name}:${name}" from S3 bucket "${bucket.name}": its HEAD answer ` +
          `has no valid Content-Length ("${head.headers["content-length"]}")`,
      );
    }
    const modified = Date.parse(head.headers["last-modified"] ?? "");
    const etag = head.headers.etag ?? "";
    return {
      profile: this.name,
      name,
      path: `s3://${bucket.name}/${key}`,
      size,
      mtimeMs: Number.isNaN(modified) ? 0 : modified,
      s3: { bucket, key, etag, size },
    };
  }

  async #listNames(limit: number): Promise<string[]> {
    const prefix = this.#prefix;
    const keys = await listKeys(this.bucket, { prefix, limit });
    return keys.map((key) => key.slice(prefix.length))
      .filter(isServable)
      .sort();
  }
}

/** A name with a `.`, `..` or empty segment (or a folder marker, `a/`) is never served. */
function isServable(name: string): boolean {
  return name.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}
