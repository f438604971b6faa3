import { join } from "node:path";

const FAN_OUT_REGEXP = /^[0-9a-f]{2}$/;
const ENTRY_REGEXP = /^([0-9a-f]{64})\.bin$/;
const TEMP_REGEXP = /^[0-9a-f]{64}\.[0-9a-f-]+\.tmp$/;

/** Counters of a {@linkcode DiskDerivativeCache}. */
export interface DerivativeCacheStats {
  /** Entries currently stored. */
  readonly entries: number;
  /** Total size of the stored entries. */
  readonly bytes: number;
  /** `get` calls that returned bytes, since the cache was opened. */
  readonly hits: number;
  /** `get` calls that returned `undefined`, since the cache was opened. */
  readonly misses: number;
}

interface ScannedEntry {
  readonly name: string;
  readonly size: number;
  readonly lastUse: number;
}

/**
 * Encoded derivatives on disk, bounded in total size, evicting the least recently used entry.
 *
 * An entry lives in `<dir>/<ab>/<sha256 of key>.bin`, where `ab` is the first two hex digits
 * (so no directory grows past a few thousand files). Writes go to `<name>.<random>.tmp` and are
 * renamed into place, so a reader or a crash (kill -9) never exposes a partial file; leftover
 * temporary files are swept on {@linkcode DiskDerivativeCache.open}. The LRU index lives only in
 * memory: hits cost no disk write, and on open it is rebuilt from the files, taking their
 * modification time as the last use. The process owning the cache must be the only writer.
 *
 * @example Cache an encoded tile
 * ```ts ignore
 * const cache = await DiskDerivativeCache.open(join(config.cache_path, "derivatives"), 1 << 30);
 * const key = `${plan.canonical} ${mtime} ${size}`;
 * const bytes = await cache.get(key) ?? await render(plan);
 * ```
 */
export class DiskDerivativeCache {
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
   * @param key The caller's key (canonical request, source modification time and size).
   * @returns The stored bytes, or `undefined` if absent, evicted or deleted from disk.
   */
  async get(key: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
    const name = await entryName(key);
    const bytes = this.#index.has(name) ? await readIfExists(this.#path(name)) : undefined;
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
   * @param bytes The encoded derivative.
   * @throws {Error} The I/O error (disk full, permission denied…) if the file cannot be written;
   *   no temporary file is left behind.
   */
  async put(key: string, bytes: Uint8Array): Promise<void> {
    if (bytes.byteLength === 0 || bytes.byteLength > this.#maxBytes) return;
    const name = await entryName(key);
    await this.#write(name, bytes);
    this.#remember(name, bytes.byteLength);
    await this.#evict();
  }

  /**
   * Removes an entry, if present.
   *
   * @param key The caller's key.
   */
  async delete(key: string): Promise<void> {
    const name = await entryName(key);
    this.#forget(name);
    await removeIfExists(this.#path(name));
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

  #path(name: string): string {
    return join(this.#dir, name.slice(0, 2), `${name}.bin`);
  }

  async #write(name: string, bytes: Uint8Array): Promise<void> {
    const path = this.#path(name);
    await Deno.mkdir(join(this.#dir, name.slice(0, 2)), { recursive: true });
    const temp = join(this.#dir, name.slice(0, 2), `${name}.${crypto.randomUUID()}.tmp`);
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

async function scanFanOutDir(dir: string, prefix: string): Promise<ScannedEntry[]> {
  const fileNames = await Array.fromAsync(Deno.readDir(dir), (entry) => entry.name);
  const scanned = await Promise.all(fileNames.map((fileName) => scanFile(dir, prefix, fileName)));
  return scanned.filter((entry) => entry !== undefined);
}

/** Indexes an entry file, sweeps the remains of interrupted writes and ignores anything else. */
async function scanFile(
  dir: string,
  prefix: string,
  fileName: string,
): Promise<ScannedEntry | undefined> {
  const path = join(dir, fileName);
  if (TEMP_REGEXP.test(fileName)) {
    await removeIfExists(path);
    return undefined;
  }
  const name = ENTRY_REGEXP.exec(fileName)?.[1];
  if (name === undefined || !name.startsWith(prefix)) return undefined;
  const info = await Deno.stat(path);
  if (!info.isFile) return undefined;
  // Without fsync a power cut can leave a renamed but empty file; no derivative is empty.
  if (info.size === 0) {
    await removeIfExists(path);
    return undefined;
  }
  return { name, size: info.size, lastUse: info.mtime?.getTime() ?? 0 };
}

async function entryName(key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  return new Uint8Array(digest).toHex();
}

async function readIfExists(path: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
  try {
    return await Deno.readFile(path);
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
