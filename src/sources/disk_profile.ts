import type { SourceProfile } from "./source_profile.ts";
import type { SourceRef } from "./source_ref.ts";

/** How often a name missing from the index may trigger a rescan of the folder. */
const RESCAN_INTERVAL_MS = 2_000;

/**
 * A profile serving the files under one folder (`source_path/<profile>/`, subfolders included).
 *
 * Names are looked up in an index of the files found by walking the folder, never joined onto a
 * path, so no name (`../x`, `%2F..`, an absolute path) can reach outside the folder: escaping is
 * impossible rather than checked. Hidden entries are not served and symlinked folders are not
 * followed (no cycles); symlinked files placed there by the operator are served.
 */
export class DiskProfile implements SourceProfile {
  readonly name: string;
  readonly #root: string;
  #index = new Map<string, string>();
  #scannedAt = -Infinity;
  #scan: Promise<void> | undefined;

  /**
   * @param name The profile name.
   * @param root Absolute path of the profile's folder.
   */
  constructor(name: string, root: string) {
    this.name = name;
    this.#root = root;
  }

  /** The file behind `name`, or `undefined` (also when it vanished since the last scan). */
  async resolve(name: string): Promise<SourceRef | undefined> {
    let path = this.#index.get(name);
    if (path === undefined && performance.now() - this.#scannedAt > RESCAN_INTERVAL_MS) {
      await this.#rescan();
      path = this.#index.get(name);
    }
    if (path === undefined) return undefined;
    const stat = await statFile(path);
    if (stat === undefined) return undefined;
    return { profile: this.name, name, path, size: stat.size, mtimeMs: stat.mtime?.getTime() ?? 0 };
  }

  /** Every file name under the folder, relative, with `/` separators, sorted. */
  async list(): Promise<string[]> {
    await this.#rescan();
    return [...this.#index.keys()].sort();
  }

  #rescan(): Promise<void> {
    this.#scan ??= this.#walkAll().finally(() => this.#scan = undefined);
    return this.#scan;
  }

  async #walkAll(): Promise<void> {
    const index = new Map<string, string>();
    await walk(this.#root, "", index);
    this.#index = index;
    this.#scannedAt = performance.now();
  }
}

async function walk(dir: string, prefix: string, index: Map<string, string>): Promise<void> {
  let entries: AsyncIterable<Deno.DirEntry>;
  try {
    entries = Deno.readDir(dir);
    for await (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = `${dir}/${entry.name}`;
      const name = prefix + entry.name;
      if (entry.isDirectory) await walk(path, `${name}/`, index);
      else if (entry.isFile || (await statFile(path)) !== undefined) index.set(name, path);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

async function statFile(path: string): Promise<Deno.FileInfo | undefined> {
  try {
    const info = await Deno.stat(path);
    return info.isFile ? info : undefined;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}
