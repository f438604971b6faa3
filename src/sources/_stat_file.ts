import { isMissingPath } from "./_is_missing_path.ts";

/**
 * The facts of the regular file at `path`, following a symlink, or `undefined` when nothing is
 * there or it is not a regular file (a folder, a dangling link).
 *
 * @throws {Deno.errors.PermissionDenied} Or any other error but a missing path.
 */
export async function statFile(path: string): Promise<Deno.FileInfo | undefined> {
  try {
    const info = await Deno.stat(path);
    return info.isFile ? info : undefined;
  } catch (error) {
    if (isMissingPath(error)) return undefined;
    throw error;
  }
}
