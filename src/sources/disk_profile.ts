import { LRUCache } from "lru-cache";
import { listFiles } from "./_list_files.ts";
import { type EntryKind, type FolderListing, readFolder } from "./_read_folder.ts";
import { statFile } from "./_stat_file.ts";
import type { SourceProfile } from "./source_profile.ts";
import type { SourceRef } from "./source_ref.ts";

/** Tuning of a {@linkcode DiskProfile}; every field has a default. */
export interface DiskProfileOptions {
  /** Milliseconds a folder's listing is reused; new files appear after at most this. 2,000. */
  readonly folderTtlMs?: number;
  /** Folder listings kept, least recently used dropped first. 4,096. */
  readonly maxFolders?: number;
  /**
   * Entries kept over all cached listings, which bounds memory (about 100 bytes per entry). A
   * folder holding more than this is read again on every lookup. 1,000,000.
   */
  readonly maxFolderEntries?: number;
  /** Milliseconds the result of {@linkcode DiskProfile.list} is reused. 10,000. */
  readonly listTtlMs?: number;
  /** Names {@linkcode DiskProfile.list} returns at most: the first ones in sorted order. 10,000. */
  readonly listLimit?: number;
}

const DEFAULTS = {
  folderTtlMs: 2_000,
  maxFolders: 4_096,
  maxFolderEntries: 1_000_000,
  listTtlMs: 10_000,
  listLimit: 10_000,
} as const satisfies Required<DiskProfileOptions>;

/**
 * A profile serving the files under one folder (`source_path/<profile>/`, subfolders included).
 *
 * A name is resolved segment by segment (split on `/`): each segment must equal an entry its
 * parent folder actually lists, so `..`, `.`, empty segments and absolute paths match nothing and
 * escaping the folder is impossible rather than checked. Hidden entries never match; symlinked
 * folders are not descended into (no cycles, no way out); symlinked files placed there by the
 * operator are served.
 *
 * Folder listings are cached briefly (an LRU keyed by folder, with a TTL), so a lookup costs at
 * most one `readDir` per segment and usually none, plus one `stat` of the file. Only folders
 * reached through real entries become keys, so requests for made-up names cannot fill the cache.
 */
export class DiskProfile implements SourceProfile {
  readonly name: string;
  readonly #root: string;
  /** Keyed by folder path relative to the root, with a trailing `/` (`""`, `a/`, `a/b/`). */
  readonly #folders: LRUCache<string, FolderListing>;
  readonly #listing: LRUCache<"all", string[]>;

  /**
   * @param name The profile name.
   * @param root Absolute path of the profile's folder.
   * @param options Cache bounds and TTLs; see {@linkcode DiskProfileOptions} for the defaults.
   */
  constructor(name: string, root: string, options: DiskProfileOptions = {}) {
    this.name = name;
    this.#root = root;
    this.#folders = new LRUCache({
      max: options.maxFolders ?? DEFAULTS.maxFolders,
      maxSize: options.maxFolderEntries ?? DEFAULTS.maxFolderEntries,
      sizeCalculation: (listing) => Math.max(1, listing.size),
      ttl: options.folderTtlMs ?? DEFAULTS.folderTtlMs,
      // A lookup waiting on a read must get its answer even if the LRU drops the entry meanwhile.
      ignoreFetchAbort: true,
      fetchMethod: (folder) => readFolder(`${root}/${folder}`),
    });
    const listLimit = options.listLimit ?? DEFAULTS.listLimit;
    this.#listing = new LRUCache({
      max: 1,
      ttl: options.listTtlMs ?? DEFAULTS.listTtlMs,
      fetchMethod: () => listFiles(root, listLimit),
    });
  }

  /** The file behind `name`, or `undefined` (also when it vanished since its folder was read). */
  async resolve(name: string): Promise<SourceRef | undefined> {
    const segments = name.split("/");
    const fileName = segments.pop()!;
    let folder = "";
    for (const segment of segments) {
      if (await this.#kindOf(folder, segment) !== "folder") return undefined;
      folder += `${segment}/`;
    }
    const kind = await this.#kindOf(folder, fileName);
    if (kind === undefined || kind === "folder") return undefined;
    const path = `${this.#root}/${folder}${fileName}`;
    const stat = statFile(path);
    if (stat === undefined) return undefined;
    return { profile: this.name, name, path, size: stat.size, mtimeMs: stat.mtime?.getTime() ?? 0 };
  }

  /**
   * The first `listLimit` file names under the folder (10,000 by default), relative, with `/`
   * separators, sorted; the result is reused for `listTtlMs`.
   */
  async list(): Promise<string[]> {
    return [...await this.#listing.forceFetch("all")];
  }

  async #kindOf(folder: string, entry: string): Promise<EntryKind | undefined> {
    return (await this.#folders.forceFetch(folder)).get(entry);
  }
}
