/**
 * A resolved source file: where it is and the two facts that change when its content does.
 * `mtimeMs` and `size` are part of every cache key, so a replaced file is never served stale.
 */
export interface SourceRef {
  /** The profile that resolved it. */
  readonly profile: string;
  /** The name within the profile (the identifier without its profile prefix). */
  readonly name: string;
  /** Absolute path of the file. */
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}
