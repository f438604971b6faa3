import { isMissingPath } from "./_is_missing_path.ts";

/** What a folder entry is, as far as serving goes: a link is served only if it leads to a file. */
export type EntryKind = "file" | "folder" | "link";

/** A folder's servable entries by exact name. */
export type FolderListing = ReadonlyMap<string, EntryKind>;

/**
 * Reads one folder's entries (one `readDir`, no recursion). Hidden entries (leading `.`) and
 * entries that are neither file, folder nor symlink (sockets, FIFOs) are left out; a folder that
 * no longer exists lists as empty.
 *
 * @param path The folder.
 * @returns Its servable entries. `.` and `..` are never among them, as `readDir` omits them.
 * @throws {Deno.errors.PermissionDenied} Or any other error but a missing path.
 */
export async function readFolder(path: string): Promise<FolderListing> {
  const listing = new Map<string, EntryKind>();
  try {
    for await (const entry of Deno.readDir(path)) {
      const kind = kindOf(entry);
      if (kind !== undefined && !entry.name.startsWith(".")) listing.set(entry.name, kind);
    }
  } catch (error) {
    if (!isMissingPath(error)) throw error;
  }
  return listing;
}

/** `readDir` reports links as links (lstat), so a linked folder is never mistaken for a folder. */
function kindOf(entry: Deno.DirEntry): EntryKind | undefined {
  if (entry.isSymlink) return "link";
  if (entry.isDirectory) return "folder";
  return entry.isFile ? "file" : undefined;
}
