import type { ByteSource } from "../region_reader.ts";

/** A span of a file. */
export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/** A run of the file's bytes held in memory. */
interface Segment {
  readonly offset: number;
  readonly bytes: Uint8Array;
}

/**
 * Reading a few bytes more costs less than one more read, so ranges closer than this are read
 * as one (re-reading any cached bytes between them).
 */
const MERGE_GAP = 4096;

/**
 * The parts of a file a decode has fetched so far, kept apart: OpenJPEG reads through
 * synchronous callbacks, while a {@linkcode ByteSource} answers asynchronously, so what a decode
 * will need is fetched first and a read of anything else is reported as missing.
 */
export class SparseBytes {
  /** The file's length. */
  readonly size: number;
  /** Sorted by offset, never overlapping. */
  #segments: Segment[];

  /**
   * @param size The file's length.
   * @param segments Bytes already in memory, sorted by offset and not overlapping.
   */
  constructor(size: number, segments: readonly Segment[]) {
    this.size = size;
    this.#segments = [...segments];
  }

  /**
   * The cached bytes from `offset` to the end of the segment holding it.
   *
   * @returns A view into the cache, or `undefined` when `offset` is not cached.
   */
  runAt(offset: number): Uint8Array | undefined {
    const segment = this.#segments[this.#lastStartingAtOrBefore(offset)];
    if (segment === undefined || offset >= segment.offset + segment.bytes.length) return undefined;
    return segment.bytes.subarray(offset - segment.offset);
  }

  /** Another cache holding the same bytes, which this one's fetches will not add to. */
  clone(): SparseBytes {
    return new SparseBytes(this.size, this.#segments);
  }

  /**
   * A copy of `length` cached bytes at `offset`, which may span adjacent segments.
   *
   * @returns The bytes, or `undefined` when some are not cached.
   */
  slice(offset: number, length: number): Uint8Array<ArrayBuffer> | undefined {
    const copy = new Uint8Array(length);
    for (let copied = 0; copied < length;) {
      const run = this.runAt(offset + copied);
      if (run === undefined) return undefined;
      const part = run.subarray(0, length - copied);
      copy.set(part, copied);
      copied += part.length;
    }
    return copy;
  }

  /**
   * Reads the parts of `ranges` not cached yet, in parallel, clipped to the file.
   *
   * @throws {CorruptSourceError} From `source`, when a read fails.
   */
  async fetch(source: ByteSource, ranges: readonly ByteRange[]): Promise<void> {
    const reads = mergeNear(ranges.flatMap((range) => this.#gaps(range)));
    const segments = await Promise.all(
      reads.map(async ({ offset, length }) => ({
        offset,
        bytes: await source.read(offset, length),
      })),
    );
    for (const segment of segments) this.#insert(segment);
  }

  /** The parts of `range`, clipped to the file, that no segment holds. */
  #gaps(range: ByteRange): ByteRange[] {
    const end = Math.min(range.offset + range.length, this.size);
    const gaps: ByteRange[] = [];
    let offset = range.offset;
    for (let index = Math.max(0, this.#lastStartingAtOrBefore(offset)); offset < end; index++) {
      const segment = this.#segments[index];
      const gapEnd = segment === undefined ? end : Math.min(segment.offset, end);
      if (gapEnd > offset) gaps.push({ offset, length: gapEnd - offset });
      if (segment === undefined) break;
      offset = Math.max(offset, segment.offset + segment.bytes.length);
    }
    return gaps;
  }

  /** Adds a segment, replacing the ones it covers (a merged read spans cached ones). */
  #insert(added: Segment): void {
    const end = added.offset + added.bytes.length;
    const kept = this.#segments.filter((segment) =>
      segment.offset < added.offset || segment.offset + segment.bytes.length > end
    );
    const at = kept.findIndex((segment) => segment.offset > added.offset);
    kept.splice(at === -1 ? kept.length : at, 0, added);
    this.#segments = kept;
  }

  /** Index of the last segment starting at or before `offset`, or -1. */
  #lastStartingAtOrBefore(offset: number): number {
    let low = 0;
    let high = this.#segments.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#segments[middle].offset <= offset) low = middle + 1;
      else high = middle;
    }
    return low - 1;
  }
}

/** Sorts ranges and joins those less than {@linkcode MERGE_GAP} apart. */
function mergeNear(ranges: readonly ByteRange[]): ByteRange[] {
  const sorted = [...ranges].sort((a, b) => a.offset - b.offset);
  const merged: ByteRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && range.offset <= last.offset + last.length + MERGE_GAP) {
      const end = Math.max(last.offset + last.length, range.offset + range.length);
      merged[merged.length - 1] = { offset: last.offset, length: end - last.offset };
    } else {
      merged.push(range);
    }
  }
  return merged;
}
