import type { S3Object } from "./s3/mod.ts";

/**
 * A resolved source: where it is and the facts that change when its content does. `mtimeMs`
 * and `size` (and an S3 object's ETag) are part of every cache key, so a replaced source is
 * never served stale.
 */
export interface SourceRef {
  /** The profile that resolved it. */
  readonly profile: string;
  /** The name within the profile (the identifier without its profile prefix). */
  readonly name: string;
  /** Absolute path of the file; for an S3 object, `s3://<bucket>/<key>` (a name, not a file). */
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** Set for an object of an `s3` profile, read by ranged GETs instead of from `path`. */
  readonly s3?: S3Object;
}
