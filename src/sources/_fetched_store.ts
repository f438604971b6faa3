import { join } from "node:path";
import { isMissingPath } from "./_is_missing_path.ts";
import { readFolder } from "./_read_folder.ts";
import { statFile } from "./_stat_file.ts";

const EXTENSION_REGEXP = /\.([A-Za-z0-9]{1,8})$/;
const PARTIAL_REGEXP = /^[0-9a-f]{64}\.[0-9a-f-]{36}\.part$/;
/** How far behind `Date.now()` a file's mtime may be when written right after it. */
const MTIME_LAG_MS = 100;
/** Beside each stored source, the name it was fetched for (for listing) and from where. */
const RECORD_SUFFIX = ".source.json";

/** Where one remote source is stored. */
export interface StoredEntry {
  /** The fan-out folder holding it. */
  readonly dir: string;
  /** The SHA-256 of the URL it comes from, in hex: the file name without extension. */
  readonly stem: string;
  /** The source file. */
  readonly path: string;
}

/** What the record beside a stored source says. */
interface StoredRecord {
  readonly name: string;
  readonly url: string;
}

/**
 * The folder of a remote profile (`<source_path>/<profile>/`), holding each fetched source as
 * `<ab>/<sha256 of its URL>.<extension>` (`ab` the first two hex digits, so no folder grows past
 * a few thousand files; the extension from the URL's path, when it has a short one). Keying by
 * URL rather than name means a changed `url` template fetches afresh instead of serving what
 * the old one gave.
 *
 * Files are written to `<stem>.<random>.part` and renamed into place when complete, so a failed
 * or killed download never leaves a partial source; {@linkcode FetchedStore.sweep} removes the
 * `.part` files of earlier runs.
 */
export class FetchedStore {
  readonly #root: string;

  /** @param root The profile's folder; created when the first source is stored. */
  constructor(root: string) {
    this.#root = root;
  }

  /**
   * Where the source fetched from `url` is (or will be) stored.
   *
   * @param url The URL the profile fetches for a name, before any redirect.
   */
  async entryOf(url: URL): Promise<StoredEntry> {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(url.href));
    const stem = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0"))
      .join("");
    const extension = EXTENSION_REGEXP.exec(url.pathname)?.[1].toLowerCase();
    const dir = join(this.#root, stem.slice(0, 2));
    return { dir, stem, path: join(dir, extension ? `${stem}.${extension}` : stem) };
  }

  /**
   * The stored file's facts, or `undefined` when nothing is stored there.
   *
   * @throws {Deno.errors.PermissionDenied} Or any other error but a missing file.
   */
  find(entry: StoredEntry): Promise<Deno.FileInfo | undefined> {
    return new Promise((resolve) => resolve(statFile(entry.path)));
  }

  /**
   * Stores a source atomically: the bytes go to a `.part` file, renamed into place once `body`
   * ended; on any error (from `body` or the disk) the `.part` file is removed and the error
   * rethrown. Then records which name and final URL it came from.
   *
   * @param entry Where, from {@linkcode FetchedStore.entryOf}.
   * @param body The bytes; its errors abort the write.
   * @param record The name and the URL that answered (after redirects).
   */
  async write(
    entry: StoredEntry,
    body: AsyncIterable<Uint8Array>,
    record: { name: string; url: URL },
  ): Promise<void> {
    await Deno.mkdir(entry.dir, { recursive: true });
    await writeAtomically(entry, entry.path, body);
    const text = JSON.stringify({ name: record.name, url: record.url.href });
    const recordPath = join(entry.dir, entry.stem + RECORD_SUFFIX);
    await writeAtomically(entry, recordPath, [new TextEncoder().encode(text)]);
  }

  /**
   * The names of the sources stored so far, sorted; at most `limit`.
   *
   * @throws {Deno.errors.PermissionDenied} If the profile's folder cannot be read.
   */
  async names(limit: number): Promise<string[]> {
    const names: string[] = [];
    for (const dir of await this.#fanOutFolders()) {
      for (const [file] of await readFolder(dir)) {
        if (!file.endsWith(RECORD_SUFFIX)) continue;
        const record = await readRecord(join(dir, file));
        if (record !== undefined) names.push(record.name);
      }
    }
    return names.sort().slice(0, limit);
  }

  /**
   * Removes `.part` files last written before `before`: what a download killed with the process
   * left. Newer ones belong to downloads running now, and so do those written up to
   * `MTIME_LAG_MS` before it: Linux stamps files with its coarse clock, which runs up to a tick
   * behind `Date.now()` (7 ms seen here), so a file written just after `before` may carry an
   * earlier time. A process restarts in more than that.
   *
   * @param before A time in milliseconds since the epoch, such as when this process started.
   */
  async sweep(before: number): Promise<void> {
    for (const dir of await this.#fanOutFolders()) {
      for (const [file] of await readFolder(dir)) {
        if (!PARTIAL_REGEXP.test(file)) continue;
        const path = join(dir, file);
        const stat = statFile(path);
        const written = stat?.mtime?.getTime() ?? 0;
        if (stat !== undefined && written < before - MTIME_LAG_MS) await removeIfThere(path);
      }
    }
  }

  async #fanOutFolders(): Promise<string[]> {
    const listing = await readFolder(this.#root);
    return [...listing].filter(([, kind]) => kind === "folder").map(([dir]) =>
      join(this.#root, dir)
    );
  }
}

async function writeAtomically(
  entry: StoredEntry,
  path: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<void> {
  const partial = join(entry.dir, `${entry.stem}.${crypto.randomUUID()}.part`);
  try {
    {
      using file = await Deno.open(partial, { write: true, createNew: true });
      for await (const chunk of chunks) await writeAll(file, chunk);
    }
    await Deno.rename(partial, path);
  } catch (error) {
    // Report the download's or the disk's error, not a failure to clean up after it.
    await removeIfThere(partial).catch(() => {});
    throw error;
  }
}

async function writeAll(file: Deno.FsFile, chunk: Uint8Array): Promise<void> {
  for (let written = 0; written < chunk.byteLength;) {
    written += await file.write(chunk.subarray(written));
  }
}

/** A record removed meanwhile, or garbled by hand, is skipped rather than failing the list. */
async function readRecord(path: string): Promise<StoredRecord | undefined> {
  try {
    const record = JSON.parse(await Deno.readTextFile(path));
    return typeof record?.name === "string" ? record : undefined;
  } catch (error) {
    if (isMissingPath(error) || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

async function removeIfThere(path: string): Promise<void> {
  try {
    await Deno.remove(path);
  } catch (error) {
    if (!isMissingPath(error)) throw error;
  }
}
