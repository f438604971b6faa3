import { crc32 } from "node:zlib";

/** One file of a zip: its name, its size, and its bytes, read only when its turn comes. */
export interface ZipEntry {
  /** The path inside the archive (UTF-8, `/` between folders); unique within the archive. */
  readonly name: string;
  /** The exact number of bytes `chunks()` yields. */
  readonly size: number;
  readonly modified: Date;
  /** The bytes, in order; called once, when the entry is written. */
  chunks(): AsyncIterable<Uint8Array>;
}

/**
 * The largest archive written: without ZIP64 every size and offset is a 32-bit field, and
 * 0xFFFFFFFF itself would announce ZIP64.
 */
export const MAX_ZIP_BYTES = 0xfffffffe;

const LOCAL_HEADER_BYTES = 30;
const DATA_DESCRIPTOR_BYTES = 16;
const CENTRAL_HEADER_BYTES = 46;
const END_RECORD_BYTES = 22;
/** Bit 3: sizes and CRC follow the data; bit 11: names are UTF-8. */
const FLAGS = 0x0808;
/** 2.0: what STORE and data descriptors need. */
const VERSION_NEEDED = 20;
/** Made by Unix (3) at 2.0, so that `EXTERNAL_ATTRIBUTES` reads as a Unix mode. */
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
/** A regular file, mode 0644, in the high half. */
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;
/** The most entries the 16-bit counts of the end record hold. */
const MAX_ENTRIES = 0xffff;

const encoder = new TextEncoder();

/**
 * The exact length of the archive {@linkcode zipStream} writes for these entries, so a response
 * can carry `Content-Length` and an archive too large for 32-bit offsets is refused up front.
 *
 * @param entries Names and sizes.
 * @returns The archive's length in bytes.
 */
export function zipLength(entries: readonly Pick<ZipEntry, "name" | "size">[]): number {
  let length = END_RECORD_BYTES;
  for (const { name, size } of entries) {
    const nameBytes = encoder.encode(name).byteLength;
    length += LOCAL_HEADER_BYTES + CENTRAL_HEADER_BYTES + 2 * nameBytes + size +
      DATA_DESCRIPTOR_BYTES;
  }
  return length;
}

/**
 * A zip archive of `entries`, written as it is read: each entry is stored uncompressed (images
 * are compressed already), its CRC-32 computed while its bytes pass through, and its CRC and
 * sizes written after the data in a data descriptor, then the central directory at the end. At
 * most one chunk of one entry is held at a time, and an entry's chunks are pulled only as fast
 * as the stream is read.
 *
 * @param entries The files, in archive order.
 * @returns The archive's bytes; the stream errors with a `RangeError` when an entry yields more
 *   or fewer bytes than its `size`, and with whatever an entry's chunks throw.
 * @throws {RangeError} The archive would exceed {@linkcode MAX_ZIP_BYTES} or 65,535 entries.
 * @throws {TypeError} Two entries have the same name, or a name is empty or over 65,535 bytes.
 */
export function zipStream(entries: readonly ZipEntry[]): ReadableStream<Uint8Array> {
  checkEntries(entries);
  return ReadableStream.from(zipParts(entries));
}

function checkEntries(entries: readonly ZipEntry[]): void {
  const length = zipLength(entries);
  if (length > MAX_ZIP_BYTES || entries.length > MAX_ENTRIES) {
    throw new RangeError(
      `Cannot write a zip of ${entries.length} entries and ${length} bytes: without ZIP64 a ` +
        `zip holds at most ${MAX_ENTRIES} entries and ${MAX_ZIP_BYTES} bytes`,
    );
  }
  const names = new Set<string>();
  for (const { name } of entries) {
    const bytes = encoder.encode(name).byteLength;
    if (bytes === 0 || bytes > 0xffff) {
      throw new TypeError(`Cannot name a zip entry "${name}": ${bytes} bytes (1 to 65535)`);
    }
    if (names.has(name)) throw new TypeError(`Cannot write zip entry "${name}" twice`);
    names.add(name);
  }
}

/** What the central directory records of an entry once it is written. */
interface WrittenEntry {
  readonly name: Uint8Array;
  readonly dosTime: DosTime;
  readonly crc: number;
  readonly size: number;
  readonly offset: number;
}

async function* zipParts(entries: readonly ZipEntry[]): AsyncGenerator<Uint8Array> {
  const written: WrittenEntry[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const dosTime = dosTimeOf(entry.modified);
    const header = localHeader(name, dosTime);
    yield header;
    let crc = 0;
    let size = 0;
    for await (const chunk of entry.chunks()) {
      crc = crc32(chunk, crc);
      size += chunk.byteLength;
      if (size > entry.size) throw sizeError(entry, size);
      yield chunk;
    }
    if (size !== entry.size) throw sizeError(entry, size);
    yield dataDescriptor(crc, size);
    written.push({ name, dosTime, crc, size, offset });
    offset += header.byteLength + size + DATA_DESCRIPTOR_BYTES;
  }
  yield centralDirectory(written, offset);
}

function sizeError(entry: ZipEntry, size: number): RangeError {
  return new RangeError(
    `Cannot zip "${entry.name}": it gave ${size} bytes or more, not the ${entry.size} announced ` +
      "(the file changed while it was being sent)",
  );
}

function localHeader(name: Uint8Array, time: DosTime): Uint8Array {
  const bytes = new Uint8Array(LOCAL_HEADER_BYTES + name.byteLength);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, VERSION_NEEDED, true);
  view.setUint16(6, FLAGS, true);
  // Method 0 (stored) at 8; CRC and sizes (14–25) stay 0: they are in the data descriptor.
  view.setUint16(10, time.time, true);
  view.setUint16(12, time.date, true);
  view.setUint16(26, name.byteLength, true);
  bytes.set(name, LOCAL_HEADER_BYTES);
  return bytes;
}

function dataDescriptor(crc: number, size: number): Uint8Array {
  const bytes = new Uint8Array(DATA_DESCRIPTOR_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x08074b50, true);
  view.setUint32(4, crc, true);
  view.setUint32(8, size, true);
  view.setUint32(12, size, true);
  return bytes;
}

function centralDirectory(entries: readonly WrittenEntry[], offset: number): Uint8Array {
  const headers = entries.map(centralHeader);
  const size = headers.reduce((sum, header) => sum + header.byteLength, 0);
  const bytes = new Uint8Array(size + END_RECORD_BYTES);
  let at = 0;
  for (const header of headers) {
    bytes.set(header, at);
    at += header.byteLength;
  }
  const view = new DataView(bytes.buffer, size);
  view.setUint32(0, 0x06054b50, true);
  // Disk numbers (4, 6) are 0: one disk.
  view.setUint16(8, entries.length, true);
  view.setUint16(10, entries.length, true);
  view.setUint32(12, size, true);
  view.setUint32(16, offset, true);
  return bytes;
}

function centralHeader(entry: WrittenEntry): Uint8Array {
  const bytes = new Uint8Array(CENTRAL_HEADER_BYTES + entry.name.byteLength);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x02014b50, true);
  view.setUint16(4, VERSION_MADE_BY, true);
  view.setUint16(6, VERSION_NEEDED, true);
  view.setUint16(8, FLAGS, true);
  view.setUint16(12, entry.dosTime.time, true);
  view.setUint16(14, entry.dosTime.date, true);
  view.setUint32(16, entry.crc, true);
  view.setUint32(20, entry.size, true);
  view.setUint32(24, entry.size, true);
  view.setUint16(28, entry.name.byteLength, true);
  view.setUint32(38, EXTERNAL_ATTRIBUTES, true);
  view.setUint32(42, entry.offset, true);
  bytes.set(entry.name, CENTRAL_HEADER_BYTES);
  return bytes;
}

/** An MS-DOS date and time, the only timestamp a plain zip header holds (2-second steps). */
interface DosTime {
  readonly date: number;
  readonly time: number;
}

/**
 * Zip times carry no time zone; UTC is written, so an archive does not depend on the server's
 * zone. DOS dates start in 1980 and end in 2107, so times outside are clamped.
 */
function dosTimeOf(modified: Date): DosTime {
  const year = modified.getUTCFullYear();
  if (Number.isNaN(year) || year < 1980) return { date: (1 << 5) | 1, time: 0 };
  if (year > 2107) return { date: (127 << 9) | (12 << 5) | 31, time: (23 << 11) | (59 << 5) | 29 };
  return {
    date: ((year - 1980) << 9) | ((modified.getUTCMonth() + 1) << 5) | modified.getUTCDate(),
    time: (modified.getUTCHours() << 11) | (modified.getUTCMinutes() << 5) |
      (modified.getUTCSeconds() >> 1),
  };
}
