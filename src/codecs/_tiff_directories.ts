/** TIFF field types the writers use; UNDEFINED holds bytes, such as an ICC profile. */
export const FIELD = { SHORT: 3, LONG: 4, RATIONAL: 5, UNDEFINED: 7 } as const;

/** Bytes per value of each field type (a RATIONAL is two values). */
const VALUE_BYTES = { 3: 2, 4: 4, 5: 4, 7: 1 } as const;

const HEADER_LENGTH = 8;
const ENTRY_LENGTH = 12;

/** One IFD entry; a RATIONAL's values are numerator, denominator pairs. */
export interface IfdEntry {
  readonly tag: number;
  readonly type: typeof FIELD[keyof typeof FIELD];
  readonly values: readonly number[];
}

/** One image directory to write: its compressed chunks (strips or tiles) and its entries. */
export interface TiffDirectory {
  readonly chunks: readonly Uint8Array[];
  /** The entries, in ascending tag order, given where the chunks were placed. */
  entries(chunkOffsets: readonly number[]): IfdEntry[];
}

/** Where one directory's parts go in the file. */
interface Placed {
  readonly chunkOffsets: readonly number[];
  readonly ifdOffset: number;
  readonly entries: readonly IfdEntry[];
  /** Per entry, where its values go when too long for the entry (else undefined). */
  readonly valueOffsets: readonly (number | undefined)[];
}

/**
 * Lays out a little-endian TIFF: the header, then per directory its chunks, its IFD (at an even
 * offset) and the values too long to fit in their entries, each IFD linked to the next.
 */
export function assembleTiff(directories: readonly TiffDirectory[]): Uint8Array {
  let cursor = HEADER_LENGTH;
  const placed = directories.map((directory): Placed => {
    const chunkOffsets: number[] = [];
    for (const chunk of directory.chunks) {
      chunkOffsets.push(cursor);
      cursor += chunk.length;
    }
    const ifdOffset = cursor + (cursor % 2);
    const entries = directory.entries(chunkOffsets);
    cursor = ifdOffset + 2 + entries.length * ENTRY_LENGTH + 4;
    const valueOffsets = entries.map((entry) => {
      const size = byteSize(entry);
      if (size <= 4) return undefined;
      const offset = cursor;
      cursor += size;
      return offset;
    });
    return { chunkOffsets, ifdOffset, entries, valueOffsets };
  });
  const tiff = new Uint8Array(cursor);
  const view = new DataView(tiff.buffer);
  tiff.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, placed[0]?.ifdOffset ?? 0, true);
  placed.forEach((directory, index) => {
    const { chunkOffsets, ifdOffset, entries, valueOffsets } = directory;
    directories[index].chunks.forEach((chunk, n) => tiff.set(chunk, chunkOffsets[n]));
    view.setUint16(ifdOffset, entries.length, true);
    entries.forEach((entry, n) => {
      writeEntry(view, ifdOffset + 2 + n * ENTRY_LENGTH, entry, valueOffsets[n]);
    });
    const next = placed[index + 1]?.ifdOffset ?? 0;
    view.setUint32(ifdOffset + 2 + entries.length * ENTRY_LENGTH, next, true);
  });
  return tiff;
}

function writeEntry(view: DataView, at: number, entry: IfdEntry, valueOffset?: number): void {
  view.setUint16(at, entry.tag, true);
  view.setUint16(at + 2, entry.type, true);
  view.setUint32(
    at + 4,
    entry.type === FIELD.RATIONAL ? entry.values.length / 2 : entry.values.length,
    true,
  );
  if (valueOffset !== undefined) view.setUint32(at + 8, valueOffset, true);
  const start = valueOffset ?? at + 8;
  const size = VALUE_BYTES[entry.type];
  entry.values.forEach((value, index) => {
    const to = start + index * size;
    if (size === 1) view.setUint8(to, value);
    else if (size === 2) view.setUint16(to, value, true);
    else view.setUint32(to, value, true);
  });
}

function byteSize(entry: IfdEntry): number {
  return entry.values.length * VALUE_BYTES[entry.type];
}
