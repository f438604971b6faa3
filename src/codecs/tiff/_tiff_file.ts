import { CorruptSourceError } from "../errors.ts";
import type { ByteSource } from "../region_reader.ts";
import { FIELD_TYPE_SIZE, UNSIGNED_TYPES } from "./_tiff_tags.ts";

/** More entries than any real directory holds (libtiff's writers use a few dozen). */
const MAX_IFD_ENTRIES = 1024;
/** How much is read at a directory's offset first: most directories fit, saving a round trip. */
const IFD_READ_AHEAD = 1024;

/** One directory entry: its values are inline (`inline`) or stored at `offset`. */
export interface IfdEntry {
  readonly type: number;
  readonly count: number;
  readonly inline?: Uint8Array;
  readonly offset: number;
}

/** An image file directory: its entries by tag, and the offset of the next one (0 = none). */
export interface Ifd {
  readonly offset: number;
  readonly entries: ReadonlyMap<number, IfdEntry>;
  readonly next: number;
}

/**
 * A TIFF or BigTIFF file in either byte order: reads its directories and the values of their
 * entries through a {@linkcode ByteSource}.
 */
export class TiffFile {
  readonly source: ByteSource;
  readonly littleEndian: boolean;
  readonly bigTiff: boolean;
  readonly firstIfd: number;

  private constructor(source: ByteSource, littleEndian: boolean, bigTiff: boolean, first: number) {
    this.source = source;
    this.littleEndian = littleEndian;
    this.bigTiff = bigTiff;
    this.firstIfd = first;
  }

  /**
   * Reads the header.
   *
   * @throws {CorruptSourceError} When it is not a TIFF or BigTIFF header.
   */
  static async open(source: ByteSource): Promise<TiffFile> {
    const head = await source.read(0, Math.min(16, source.size));
    const order = String.fromCharCode(head[0], head[1]);
    if (head.length < 8 || (order !== "II" && order !== "MM")) {
      throw new CorruptSourceError("Cannot read TIFF: the file does not start with a TIFF header");
    }
    const view = new DataView(head.buffer, head.byteOffset, head.length);
    const littleEndian = order === "II";
    const version = view.getUint16(2, littleEndian);
    if (version === 42) {
      return new TiffFile(source, littleEndian, false, view.getUint32(4, littleEndian));
    }
    if (version === 43 && head.length >= 16 && view.getUint16(4, littleEndian) === 8) {
      return new TiffFile(source, littleEndian, true, toSafe(view.getBigUint64(8, littleEndian)));
    }
    throw new CorruptSourceError(`Cannot read TIFF: unknown version ${version} in the header`);
  }

  /**
   * Reads the directory at `offset`.
   *
   * @throws {CorruptSourceError} When it lies outside the file or holds too many entries.
   */
  async readIfd(offset: number): Promise<Ifd> {
    const { countSize, entrySize, offsetSize } = this.#layout();
    if (offset < 8 || offset + countSize > this.source.size) {
      throw new CorruptSourceError(
        `Cannot read TIFF: a directory offset (${offset}) is outside the file`,
      );
    }
    let bytes = await this.source.read(offset, Math.min(IFD_READ_AHEAD, this.source.size - offset));
    const count = this.#integer(bytes, 0, countSize);
    if (count > MAX_IFD_ENTRIES) {
      throw new CorruptSourceError(`Cannot read TIFF: a directory claims ${count} entries`);
    }
    const length = countSize + count * entrySize + offsetSize;
    if (bytes.length < length) bytes = await this.source.read(offset, length);
    const entries = new Map<number, IfdEntry>();
    for (let index = 0; index < count; index++) {
      const at = countSize + index * entrySize;
      const entry = this.#entry(bytes.subarray(at, at + entrySize));
      if (entry !== undefined) entries.set(this.#integer(bytes, at, 2), entry);
    }
    const next = this.#integer(bytes, countSize + count * entrySize, offsetSize);
    return { offset, entries, next };
  }

  /**
   * The first `limit` (default: all) unsigned integer values of `entry`, read from the file when
   * not inline.
   *
   * @throws {CorruptSourceError} When they lie outside the file or are not integers.
   */
  async numbers(entry: IfdEntry, name: string, limit = entry.count): Promise<Float64Array> {
    if (!UNSIGNED_TYPES.has(entry.type)) {
      throw new CorruptSourceError(`Cannot read TIFF: ${name} has field type ${entry.type}`);
    }
    const count = Math.min(limit, entry.count);
    const size = FIELD_TYPE_SIZE[entry.type];
    const bytes = entry.inline ?? await this.source.read(entry.offset, count * size);
    const values = new Float64Array(count);
    for (let index = 0; index < count; index++) {
      values[index] = this.#integer(bytes, index * size, size);
    }
    return values;
  }

  /**
   * The raw bytes of `entry`'s values, read from the file when not inline.
   *
   * @throws {CorruptSourceError} When they lie outside the file.
   */
  bytes(entry: IfdEntry): Promise<Uint8Array> {
    if (entry.inline !== undefined) return Promise.resolve(entry.inline);
    return this.source.read(entry.offset, entry.count * FIELD_TYPE_SIZE[entry.type]);
  }

  /**
   * The value of a single-integer tag of `ifd`, or `fallback` (TIFF's default) when absent.
   *
   * @throws {CorruptSourceError} When it is absent without a default, or not one integer.
   */
  scalar(ifd: Ifd, tag: number, fallback?: number): number {
    const entry = ifd.entries.get(tag);
    const value = this.inlineNumber(entry);
    if (value !== undefined) return value;
    if (entry === undefined && fallback !== undefined) return fallback;
    throw new CorruptSourceError(
      `Cannot read TIFF: tag ${tag} is ${entry === undefined ? "missing" : "not a single integer"}`,
    );
  }

  /** The first value of an inline integer entry, or `undefined` when it is not one. */
  inlineNumber(entry: IfdEntry | undefined): number | undefined {
    if (entry?.inline === undefined || entry.count < 1 || !UNSIGNED_TYPES.has(entry.type)) {
      return undefined;
    }
    return this.#integer(entry.inline, 0, FIELD_TYPE_SIZE[entry.type]);
  }

  #entry(bytes: Uint8Array): IfdEntry | undefined {
    const { offsetSize } = this.#layout();
    const type = this.#integer(bytes, 2, 2);
    const size = FIELD_TYPE_SIZE[type];
    // Unknown field types are skipped, as libtiff does.
    if (size === undefined) return undefined;
    const count = this.#integer(bytes, 4, offsetSize);
    const field = bytes.subarray(4 + offsetSize);
    if (count * size <= field.length) {
      return { type, count, inline: field.slice(0, count * size), offset: 0 };
    }
    return { type, count, offset: this.#integer(field, 0, field.length) };
  }

  #layout(): { countSize: number; entrySize: number; offsetSize: number } {
    return this.bigTiff
      ? { countSize: 8, entrySize: 20, offsetSize: 8 }
      : { countSize: 2, entrySize: 12, offsetSize: 4 };
  }

  #integer(bytes: Uint8Array, at: number, size: number): number {
    const view = new DataView(bytes.buffer, bytes.byteOffset + at, size);
    switch (size) {
      case 1:
        return view.getUint8(0);
      case 2:
        return view.getUint16(0, this.littleEndian);
      case 4:
        return view.getUint32(0, this.littleEndian);
      default:
        return toSafe(view.getBigUint64(0, this.littleEndian));
    }
  }
}

/** A 64-bit offset or count as a number; larger than any file, it fails as out of range later. */
function toSafe(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}
