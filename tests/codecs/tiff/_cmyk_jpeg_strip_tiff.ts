const SHORT = 3;
const LONG = 4;
const UNDEFINED = 7;
const HEADER_LENGTH = 8;
const ENTRY_LENGTH = 12;

/** An IFD entry; values longer than 4 bytes are stored after the directory. */
interface Entry {
  readonly tag: number;
  readonly type: typeof SHORT | typeof LONG | typeof UNDEFINED;
  readonly values: readonly number[] | Uint8Array;
}

/**
 * A little-endian CMYK TIFF (InkSet 1) whose one strip is `jpeg`, a complete JPEG with its own
 * tables and no JPEGTables tag: TIFF Technical Note 2 allows it, and it stores a JPEG exactly as
 * another tool wrote it, Adobe segment included. The strip comes right after the header, the
 * directory after the strip.
 *
 * @param options The JPEG's size, and the ICC profile for tag 34675, if any.
 */
export function cmykJpegStripTiff(
  jpeg: Uint8Array,
  options: { width: number; height: number; profile?: Uint8Array },
): Uint8Array {
  const { width, height, profile } = options;
  const profileEntries: Entry[] = profile === undefined
    ? []
    : [{ tag: 34675, type: UNDEFINED, values: profile }];
  const entries: Entry[] = [
    { tag: 256, type: LONG, values: [width] },
    { tag: 257, type: LONG, values: [height] },
    { tag: 258, type: SHORT, values: [8, 8, 8, 8] },
    { tag: 259, type: SHORT, values: [7] },
    { tag: 262, type: SHORT, values: [5] },
    { tag: 273, type: LONG, values: [HEADER_LENGTH] },
    { tag: 277, type: SHORT, values: [4] },
    { tag: 278, type: LONG, values: [height] },
    { tag: 279, type: LONG, values: [jpeg.length] },
    { tag: 332, type: SHORT, values: [1] },
    ...profileEntries,
  ];
  // Directories start on a word boundary.
  const directory = HEADER_LENGTH + jpeg.length + (jpeg.length % 2);
  const values = entries.map(encodeValues);
  const outOfLine = values.reduce((sum, bytes) => sum + (bytes.length > 4 ? bytes.length : 0), 0);
  const tiff = new Uint8Array(directory + 2 + entries.length * ENTRY_LENGTH + 4 + outOfLine);
  const view = new DataView(tiff.buffer);
  tiff.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, directory, true);
  tiff.set(jpeg, HEADER_LENGTH);
  writeDirectory(
    tiff,
    directory,
    entries.map((entry, index) => ({ ...entry, values: values[index] })),
  );
  return tiff;
}

/** Writes the entries at `offset`, then their long values after the directory. */
function writeDirectory(
  tiff: Uint8Array,
  offset: number,
  entries: readonly (Entry & { values: Uint8Array })[],
): void {
  const view = new DataView(tiff.buffer);
  view.setUint16(offset, entries.length, true);
  let valueOffset = offset + 2 + entries.length * ENTRY_LENGTH + 4;
  for (const [index, { tag, type, values }] of entries.entries()) {
    const at = offset + 2 + index * ENTRY_LENGTH;
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, values.length / typeSize(type), true);
    if (values.length <= 4) {
      tiff.set(values, at + 8);
      continue;
    }
    view.setUint32(at + 8, valueOffset, true);
    tiff.set(values, valueOffset);
    valueOffset += values.length;
  }
}

function typeSize(type: Entry["type"]): number {
  return type === LONG ? 4 : type === SHORT ? 2 : 1;
}

function encodeValues({ type, values }: Entry): Uint8Array {
  if (values instanceof Uint8Array) return values;
  const size = typeSize(type);
  const bytes = new Uint8Array(values.length * size);
  const view = new DataView(bytes.buffer);
  for (const [index, value] of values.entries()) {
    if (size === 4) view.setUint32(index * size, value, true);
    else view.setUint16(index * size, value, true);
  }
  return bytes;
}
