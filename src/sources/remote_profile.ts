import { UpstreamError, UpstreamTimeoutError } from "./errors.ts";
import { cannotFetch, type FetchJob } from "./_fetch_job.ts";
import { FetchedStore, type StoredEntry } from "./_fetched_store.ts";
import type { FetchLimiter } from "./_fetch_limiter.ts";
import { limitBytes } from "./_limit_bytes.ts";
import { openUpstream, type UpstreamPolicy } from "./_open_upstream.ts";
import type { SourceProfile } from "./source_profile.ts";
import type { SourceRef } from "./source_ref.ts";

/** Names {@linkcode RemoteProfile.list} returns at most, as for disk profiles. */
const LIST_LIMIT = 10_000;
/** Upstream statuses meaning the image does not exist, answered with 404 and not stored. */
const MISSING_STATUSES: ReadonlySet<number> = new Set([404, 410]);

/** How a remote profile turns names into URLs, and where its redirects may lead. */
export interface RemoteLocator {
  /**
   * The URL of `name`, or `undefined` when `name` cannot be an image of the profile (answered
   * with 404 before any network access).
   */
  urlOf(name: string): URL | undefined;
  /** Whether a redirect may lead to `url`. */
  mayFollow(url: URL): boolean;
}

/** What a {@linkcode RemoteProfile} needs: its folder, its locator and its limits. */
export interface RemoteProfileOptions {
  /** The folder fetched sources are kept in, `<source_path>/<profile>`. */
  readonly root: string;
  readonly locator: RemoteLocator;
  /** Shared by all remote profiles: `max_http_fetches`. */
  readonly limiter: FetchLimiter;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  readonly allowPrivateNetworks: boolean;
}

/**
 * A profile whose images are fetched over HTTP(S) (`web`, `trusted_web`): each one once, stored
 * under the profile's folder (see `FetchedStore`) and served from there afterwards, so its
 * {@linkcode SourceRef} is a local file like a disk profile's. Concurrent requests for one image
 * share one download; downloads wait for a slot of the shared `limiter`. An upstream 404 (or
 * 410) makes the image unknown; nothing is stored for it.
 *
 * The `.part` files of downloads killed with an earlier process are swept before the first
 * lookup or listing; those of this process are removed as each download fails.
 */
export class RemoteProfile implements SourceProfile {
  readonly name: string;
  readonly #options: RemoteProfileOptions;
  readonly #policy: UpstreamPolicy;
  readonly #store: FetchedStore;
  readonly #swept: Promise<void>;
  /** Downloads running now, by stored path. */
  readonly #downloads = new Map<string, Promise<SourceRef | undefined>>();

  /**
   * @param name The profile name.
   * @param options Its folder, locator and limits.
   */
  constructor(name: string, options: RemoteProfileOptions) {
    this.name = name;
    this.#options = options;
    this.#policy = {
      maxRedirects: options.maxRedirects,
      allowPrivateNetworks: options.allowPrivateNetworks,
      mayFollow: (url) => options.locator.mayFollow(url),
    };
    this.#store = new FetchedStore(options.root);
    this.#swept = this.#store.sweep(Date.now()).catch((error) =>
      console.warn(`Cannot sweep partial downloads in ${options.root}: ${error}`)
    );
  }

  /**
   * The stored file of `name`, fetched first if it is not stored yet.
   *
   * @returns The local file, or `undefined` when the name is no URL of the profile or the
   *   upstream server answered 404 or 410.
   * @throws {ForbiddenSourceError} A host is not public and the profile does not allow private
   *   networks, or a redirect leads outside the profile's URLs.
   * @throws {UpstreamError} The upstream failed, redirected too often, or sent more than
   *   `maxBytes`.
   * @throws {UpstreamTimeoutError} The download took longer than `timeoutMs`.
   */
  async resolve(name: string): Promise<SourceRef | undefined> {
    const url = this.#options.locator.urlOf(name);
    if (url === undefined) return undefined;
    await this.#swept;
    const entry = await this.#store.entryOf(url);
    return await this.#stored(name, entry) ?? await this.#downloadOnce(name, url, entry);
  }

  /** The names fetched so far (the first 10,000, sorted). */
  async list(): Promise<string[]> {
    await this.#swept;
    return await this.#store.names(LIST_LIMIT);
  }

  #downloadOnce(name: string, url: URL, entry: StoredEntry): Promise<SourceRef | undefined> {
    let download = this.#downloads.get(entry.path);
    if (download === undefined) {
      download = this.#options.limiter.run(() => this.#download(name, url, entry))
        .finally(() => this.#downloads.delete(entry.path));
      this.#downloads.set(entry.path, download);
    }
    return download;
  }

  async #download(name: string, url: URL, entry: StoredEntry): Promise<SourceRef | undefined> {
    // A download that ended while this one waited for its slot has stored it already.
    const stored = await this.#stored(name, entry);
    if (stored !== undefined) return stored;
    const { timeoutMs } = this.#options;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const job = { identifier: `${this.name}:${name}`, signal: deadline.signal };
    try {
      const found = await this.#fetchInto(entry, { name, url, job });
      return found ? await this.#stored(name, entry) : undefined;
    } catch (error) {
      if (!deadline.signal.aborted) throw error;
      const reason = `the download took longer than timeout_ms (${timeoutMs} ms)`;
      throw new UpstreamTimeoutError(cannotFetch(job, url, reason), { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Downloads into the store; `false` when the upstream says the image does not exist. */
  async #fetchInto(
    entry: StoredEntry,
    download: { name: string; url: URL; job: FetchJob },
  ): Promise<boolean> {
    const { job } = download;
    const { response, url } = await openUpstream(download.url, { policy: this.#policy, job });
    const failure = (reason: string) => new UpstreamError(cannotFetch(job, url, reason));
    if (response.status !== 200) {
      response.discard();
      if (MISSING_STATUSES.has(response.status)) return false;
      throw failure(`the server answered HTTP ${response.status}`);
    }
    const { maxBytes } = this.#options;
    const tooLarge = () => failure(`the image is larger than max_bytes (${maxBytes} bytes)`);
    if ((response.contentLength ?? 0) > maxBytes) {
      response.discard();
      throw tooLarge();
    }
    const body = limitBytes(response.body, { maxBytes, tooLarge });
    await this.#store.write(entry, body, { name: download.name, url });
    return true;
  }

  async #stored(name: string, entry: StoredEntry): Promise<SourceRef | undefined> {
    const stat = await this.#store.find(entry);
    if (stat === undefined) return undefined;
    return {
      profile: this.name,
      name,
      path: entry.path,
      size: stat.size,
      mtimeMs: stat.mtime?.getTime() ?? 0,
    };
  }
}
