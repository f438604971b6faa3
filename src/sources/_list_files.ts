import { type EntryKind, type FolderListing, readFolder } from "./_read_folder.ts";
import { statFile } from "./_stat_file.ts";

/**
 * The first `limit` file names under `root` in sorted order (UTF-16 code units, as
 * `Array.prototype.sort`), relative with `/` separators. Folders are visited in an order that
 * yields the names already sorted, so the walk stops once `limit` names are found instead of
 * reading the whole tree. Hidden entries and symlinked folders are skipped, as in lookups, and
 * so are sub-folders the server may not read (a volume's `lost+found`): one of them must not
 * take the whole listing down.
 *
 * @param root The folder to walk.
 * @param limit How many names at most.
 */
export async function listFiles(root: string, limit: number): Promise<string[]> {
  const names: string[] = [];
  await collect(root, "", names, limit);
  return names;
}

async function collect(dir: string, prefix: string, names: string[], limit: number) {
  for (const [entry, kind] of sortedEntries(await readableFolder(dir, prefix))) {
    if (names.length >= limit) return;
    const path = `${dir}/${entry}`;
    if (kind === "folder") await collect(path, `${prefix}${entry}/`, names, limit);
    else if (kind === "file" || statFile(path) !== undefined) names.push(prefix + entry);
  }
}

/** The root must be readable (its error propagates); an unreadable sub-folder lists as empty. */
async function readableFolder(dir: string, prefix: string): Promise<FolderListing> {
  try {
    return await readFolder(dir);
  } catch (error) {
    if (prefix === "" || !(error instanceof Deno.errors.PermissionDenied)) throw error;
    return new Map();
  }
}

/**
 * A folder sorts as `name/`: every name inside it then falls exactly where a full-path sort puts
 * it (`a-b` < `a/x` < `a0`, although the folder `a` < `a-b`).
 */
function sortedEntries(listing: FolderListing): [string, EntryKind][] {
  const keyed = [...listing].map((entry) => ({
    entry,
    key: entry[1] === "folder" ? `${entry[0]}/` : entry[0],
  }));
  keyed.sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return keyed.map(({ entry }) => entry);
}
