import type { SourceRef } from "./source_ref.ts";

/**
 * Where a profile's images come from. A profile only maps names to files; probing, planning and
 * decoding are the same for every kind, so a new kind (web, S3) implements just these methods.
 */
export interface SourceProfile {
  readonly name: string;
  /** The file behind `name`, or `undefined` when the profile has no such image. */
  resolve(name: string): Promise<SourceRef | undefined>;
  /** Every name the profile serves, sorted. */
  list(): Promise<string[]>;
}
