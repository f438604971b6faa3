/**
 * Whether a file-system error means the path is simply not there (any more): the entry was
 * removed, or a folder on the way was replaced by a file. Such lookups answer "no image";
 * anything else (permissions, I/O) is a real fault and propagates.
 */
export function isMissingPath(error: unknown): boolean {
  return error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory;
}
