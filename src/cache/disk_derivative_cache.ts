import { dirname, join } from "node:path";
import { entryName, ownerName } from "./_entry_name.ts";
import type { CacheKey } from "./cache_key.ts";
import type { DerivativeCache, DerivativeCacheStats } from "./derivative_cache.ts";

const FAN_OUT_REGEXP = /^[0-9a-f]{2}$/;
const OWNER_REGEXP = /^[0-9a-f]{32}$/;
const ENTRY_REGEXP = /^([0-9a-f]{64})\.bin$/;
const TEMP_REGEXP = /^[0-9a-f]{64}\.[0-9a-f-]+\.tmp$/;
/** An identifier's folder renamed aside by a purge, removed on the spot or at the next open. */
const PURGING_REGEXP = /^[0-9a-f]{32}\.[0-9a-f-]+\.purging$/;
/** Before purge support entries sat directly in the fan-out folder; they cannot be purged. */
const LEGACY_ENTRY_REGEXP = /^[0-9a-f]{64}\.bin$/;

interface ScannedEntry {
  readonly name: string;
  readonly size: number;
  readonly lastUse: number;
}

/**
 * Encoded derivatives on disk, bounded in total size, evicting the least recently used entry.
 *
 * An entry lives in `<dir>/<ab>/<owner>/<sha256 of key>.bin`, where `owner` is the first 32 hex
 * digits of the sha256 of the source's identifier (so all derivatives of one image share a folder
 * and {@linkcode DiskDerivativeCache.purge} removes them together) and `ab` its first two (so no
 * directory grows past a few thousand entries). Writes go to `<name>.<random>.tmp` and are
 * renamed into place, so a reader or a crash (kill -9) never exposes a partial file; a purge
 * renames the folder aside before deleting it. Leftovers of both are swept on
 * {@linkcode DiskDerivativeCache.open}. The LRU index lives only in memory: hits cost no disk
 * write, and on open it is rebuilt from the files, taking their modification time as the last
 * use. The process owning the cache must be the only writer; a purge from another process
 * (`tessera purge`) is safe, the owner's `get` then misses and forgets the entries.
 *
 * @example Cache an encoded tile
 * ```ts ignore
 * const cache = await DiskDerivativeCache.open(join(config.cache_path, "derivatives"), 1 << 30);
 * const key = `${plan.canonical} ${mtime} ${size}`;
 * const bytes = await cache.get(key, "samples:map.tif") ?? await render(plan);
 * ```
 */
export class DiskDerivativeCache implements DerivativeCache {
  readonly #dir: string;
  readonly #maxBytes: number;
  /** Entry sizes by name, least recently used first (a Map iterates in insertion order). */
  readonly #index = new Map<string, number>();
  #bytes = 0;
  #hits = 0;
  #misses = 0;

  private constructor(dir: string, maxBytes: number) {
    this.#dir = dir;
    this.#maxBytes = maxBytes;
  }

  /**
   * Opens (creating if needed) the cache in `dir`, sweeps files left by interrupted writes and
   * indexes the entries already there, evicting the oldest if they exceed `maxBytes`.
   *
   * @param dir The cache's own directory, conventionally `<cache_path>/derivatives`.
   * @param maxBytes The most bytes kept; 0 disables the cache without touching the disk.
   * @returns The opened cache.
   * @throws {RangeError} If `maxBytes` is not a non-negative integer.
   */
  static async open(dir: string, maxBytes: number): Promise<DiskDerivativeCache> {
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
      throw new RangeError(`Cannot open derivative cache: maxBytes "${maxBytes}" is invalid`);
    }
    const cache = new DiskDerivativeCache(dir, maxBytes);
    if (maxBytes > 0) {
      await Deno.mkdir(dir, { recursive: true });
      await cache.#load();
    }
    return cache;
  }

  /**
   * Reads an entry and marks it most recently used.
   *
   * @param key The caller's key (canonical request, source modification time and size), hashed.
   * @param identifier The source's identifier (`<profile>:<name>`), which purges go by.
   * @returns The stored bytes, or `undefined` if absent, evicted or deleted from disk.
   */
  get(key: CacheKey, identifier: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
    // Disabled, it holds nothing: no file system call on every request.
    if (this.#maxBytes === 0) {
      this.#misses++;
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => resolve(this.#read(entryName(key, identifier))));
  }

  #read(name: string): Uint8Array<ArrayBuffer> | undefined {
    const bytes = this.#index.has(name) ? readIfExists(this.#path(name)) : undefined;
    if (bytes === undefined) {
      this.#forget(name);
      this.#misses++;
      return undefined;
    }
    this.#touch(name);
    this.#hits++;
    return bytes;
  }

  /**
   * Stores an entry atomically, then evicts least recently used entries until the total fits.
   * Nothing is stored if the cache is disabled, `bytes` is empty or larger than the whole cache.
   * Concurrent puts of one key are harmless: the last rename wins and the contents are equal.
   *
   * @param key The caller's key.
   * @param entry The source's identifier and the encoded derivative.
   * @throws {Error} The I/O error (disk full, permission denied…) if the file cannot be written;
   *   no temporary file is left behind.
   */
  async put(key: CacheKey, entry: { identifier: string; bytes: Uint8Array }): Promise<void> {
    const { identifier, bytes } = entry;
    if (bytes.byteLength === 0 || bytes.byteLength > this.#maxBytes) return;
    const name = entryName(key, identifier);
    await this.#write(name, bytes);
    this.#remember(name, bytes.byteLength);
    await this.#evict();
  }

  /**
   * Removes an entry, if present.
   *
   * @param key The caller's key.
   * @param identifier The source's identifier.
   */
  async delete(key: CacheKey, identifier: string): Promise<void> {
    const name = entryName(key, identifier);
    this.#forget(name);
    await removeIfExists(this.#path(name));
  }

  /**
   * Removes every entry of one source: its folder is renamed aside (one atomic step, after which
   * no entry of it can be read) and then deleted.
   *
   * @param identifier The source's identifier, `<profile>:<name>` as the renderer stored it.
   * @returns How many entries were removed (0 when none, or when the cache is disabled).
   * @throws {Error} The I/O error (permission denied…) if the folder cannot be renamed or removed.
   */
  async purge(identifier: string): Promise<number> {
    if (this.#maxBytes === 0) return 0;
    const removed = await DiskDerivativeCache.purgeFolder(this.#dir, identifier);
    const owner = ownerName(identifier);
    for (const name of this.#index.keys()) {
      if (name.startsWith(`${owner}/`)) this.#forget(name);
    }
    return removed;
  }

  /**
   * {@linkcode DiskDerivativeCache.purge} without opening the cache (no scan of its entries), for
   * a process other than the server's: the server's `get` then misses and forgets the entries.
   *
   * @param dir The cache's directory, as given to {@linkcode DiskDerivativeCache.open}.
   * @param identifier The source's identifier, `<profile>:<name>`.
   * @returns How many entries were removed (0 when none, or when `dir` does not exist).
   * @throws {Error} The I/O error (permission denied…) if the folder cannot be renamed or removed.
   */
  static async purgeFolder(dir: string, identifier: string): Promise<number> {
    const owner = ownerName(identifier);
    const folder = join(dir, owner.slice(0, 2), owner);
    const aside = `${folder}.${crypto.randomUUID()}.purging`;
    try {
      await Deno.rename(folder, aside);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return 0;
      throw error;
    }
    const removed = await countEntries(aside);
    await Deno.remove(aside, { recursive: true });
    return removed;
  }

  /** @returns The current size and the hit and miss counts since opening. */
  stats(): DerivativeCacheStats {
    return {
      entries: this.#index.size,
      bytes: this.#bytes,
      hits: this.#hits,
      misses: this.#misses,
    };
  }

  /** Nothing to release: files are opened per call and the index lives in memory. */
  close(): void {}

  /** `name` is `<owner>/<key hash>`. */
  #path(name: string): string {
    return join(this.#dir, name.slice(0, 2), `${name}.bin`);
  }

  async #write(name: string, bytes: Uint8Array): Promise<void> {
    const path = this.#path(name);
    await Deno.mkdir(dirname(path), { recursive: true });
    const temp = path.replace(/\.bin$/, `.${crypto.randomUUID()}.tmp`);
    try {
      await Deno.writeFile(temp, bytes);
      await Deno.rename(temp, path);
    } catch (error) {
      // Report the write's error, not a cleanup failure (the temp file may not even exist).
      await Deno.remove(temp).catch(() => {});
      throw error;
    }
  }

  #remember(name: string, size: number): void {
    this.#forget(name);
    this.#index.set(name, size);
    this.#bytes += size;
  }

  #forget(name: string): void {
    const size = this.#index.get(name);
    if (size === undefined) return;
    this.#index.delete(name);
    this.#bytes -= size;
  }

  /** Moves an entry to the most recently used end, unless it was evicted meanwhile. */
  #touch(name: string): void {
    const size = this.#index.get(name);
    if (size === undefined) return;
    this.#index.delete(name);
    this.#index.set(name, size);
  }

  async #evict(): Promise<void> {
    const victims: string[] = [];
    for (const [name, size] of this.#index) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#index.delete(name);
      this.#bytes -= size;
      victims.push(name);
    }
    await Promise.all(victims.map((name) => removeIfExists(this.#path(name))));
  }

  async #load(): Promise<void> {
    const scanned: ScannedEntry[] = [];
    for await (const entry of Deno.readDir(this.#dir)) {
      if (entry.isDirectory && FAN_OUT_REGEXP.test(entry.name)) {
        scanned.push(...await scanFanOutDir(join(this.#dir, entry.name), entry.name));
      }
    }
    scanned.sort((a, b) => a.lastUse - b.lastUse);
    for (const { name, size } of scanned) this.#remember(name, size);
    // The limit may have been lowered since the last run.
    await this.#evict();
  }
}

/** Scans the owner folders of one fan-out folder, sweeping what an older or interrupted run left. */
async function scanFanOutDir(dir: string, prefix: string): Promise<ScannedEntry[]> {
  const scanned: ScannedEntry[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    // Interrupted purges, and entries and temp files of the layout before owner folders.
    const stale = [PURGING_REGEXP, LEGACY_ENTRY_REGEXP, TEMP_REGEXP];
    if (stale.some((pattern) => pattern.test(entry.name))) {
      await Deno.remove(path, { recursive: true });
    } else if (
      entry.isDirectory && OWNER_REGEXP.test(entry.name) && entry.name.startsWith(prefix)
    ) {
      scanned.push(...await scanOwnerDir(path, entry.name));
    }
  }
  return scanned;
}

async function scanOwnerDir(dir: string, owner: string): Promise<ScannedEntry[]> {
  const fileNames = await Array.fromAsync(Deno.readDir(dir), (entry) => entry.name);
  const scanned = await Promise.all(fileNames.map((fileName) => scanFile(dir, owner, fileName)));
  return scanned.filter((entry) => entry !== undefined);
}

/** Indexes an entry file, sweeps the remains of interrupted writes and ignores anything else. */
async function scanFile(
  dir: string,
  owner: string,
  fileName: string,
): Promise<ScannedEntry | undefined> {
  const path = join(dir, fileName);
  if (TEMP_REGEXP.test(fileName)) {
    await removeIfExists(path);
    return undefined;
  }
  const keyHash = ENTRY_REGEXP.exec(fileName)?.[1];
  if (keyHash === undefined) return undefined;
  const name = `${owner}/${keyHash}`;
  const info = await Deno.stat(path);
  if (!info.isFile) return undefined;
  // Without fsync a power cut can leave a renamed but empty file; no derivative is empty.
  if (info.size === 0) {
    await removeIfExists(path);
    return undefined;
  }
  return { name, size: info.size, lastUse: info.mtime?.getTime() ?? 0 };
}

async function countEntries(dir: string): Promise<number> {
  let count = 0;
  for await (const entry of Deno.readDir(dir)) if (ENTRY_REGEXP.test(entry.name)) count++;
  return count;
}

/**
 * Synchronous: a derivative is small and read from the page cache in microseconds, while the
 * async read's hops through the I/O threads doubled the p99 latency of cache hits (measured).
 */
function readIfExists(path: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Deno.readFileSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

async function removeIfExists(path: string): Promise<void> {
  try {
    await Deno.remove(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}
