import type { ByteSource } from "../region_reader.ts";

/** A span of bytes in a source. */
export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/** Ranges that follow one another in the file, fetched with one read. */
interface Run extends ByteRange {
  /** Indices into the ranges given to {@linkcode readRanges}. */
  readonly members: readonly number[];
}

/**
 * Reads each range, fetching ranges that follow one another in the file (each starting where the
 * one before it ends, as the tiles of a row usually are) with one read, and separate runs in
 * parallel: a remote store then sees few requests.
 *
 * @returns The bytes of each range, in the order given.
 * @throws {CorruptSourceError} When a range reaches past the source's end.
 */
export async function readRanges(
  source: ByteSource,
  ranges: readonly ByteRange[],
): Promise<Uint8Array[]> {
  const result: Uint8Array[] = new Array(ranges.length);
  await Promise.all(
    contiguousRuns(ranges).map(async (run) => {
      const bytes = await source.read(run.offset, run.length);
      for (const member of run.members) {
        const start = ranges[member].offset - run.offset;
        result[member] = bytes.subarray(start, start + ranges[member].length);
      }
    }),
  );
  return result;
}

/**
 * Groups ranges into runs of contiguous ones, in file order.
 *
 * @example Usage
 * ```ts
 * import { contiguousRuns } from "./_read_ranges.ts";
 * import assert from "node:assert/strict";
 *
 * const runs = contiguousRuns([
 *   { offset: 10, length: 5 },
 *   { offset: 0, length: 10 },
 *   { offset: 20, length: 1 },
 * ]);
 * assert.deepEqual(runs, [
 *   { offset: 0, length: 15, members: [1, 0] },
 *   { offset: 20, length: 1, members: [2] },
 * ]);
 * ```
 */
export function contiguousRuns(ranges: readonly ByteRange[]): Run[] {
  const order = ranges.map((_, index) => index)
    .sort((a, b) => ranges[a].offset - ranges[b].offset);
  const runs: { offset: number; length: number; members: number[] }[] = [];
  for (const index of order) {
    const { offset, length } = ranges[index];
    const last = runs.at(-1);
    if (last !== undefined && last.offset + last.length === offset) {
      last.length += length;
      last.members.push(index);
    } else {
      runs.push({ offset, length, members: [index] });
    }
  }
  return runs;
}
