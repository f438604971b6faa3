import { isMissingPath } from "./_is_missing_path.ts";

/**
 * The facts of the regular file at `path`, following a symlink, or `undefined` when nothing is
 * there or it is not a regular file (a folder, a dangling link).
 *
 * Synchronous: every image request stats its source, and a local `stat` takes a few
 * microseconds where the async op costs the main thread tens of them (measured under load).
 *
 * @throws {Deno.errors.PermissionDenied} Or any other error but a missing path.
 */
export function statFile(path: string): Deno.FileInfo | undefined {
  try {
    const info = Deno.statSync(path);
    return info.isFile ? info : undefined;
  } catch (error) {
    if (isMissingPath(error)) return undefined;
    throw error;
  }
}
