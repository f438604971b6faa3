/**
 * The entropy-coded data at `start` with its stuffed zero bytes taken out (every 0xFF of the
 * data is written 0xFF 0x00), into `into` (grown as needed), followed by four zero bytes so
 * that 32 bits can be read from any bit of it.
 *
 * @returns The unstuffed bytes (a view of `into` or its replacement) and how many there are.
 */
export function unstuffedScan(
  jpeg: Uint8Array,
  start: number,
  into: Uint8Array<ArrayBuffer>,
): { bytes: Uint8Array<ArrayBuffer>; length: number } {
  const bytes = into.length >= jpeg.length - start + 4 ? into : new Uint8Array(jpeg.length + 4);
  let length = 0;
  for (let at = start; at < jpeg.length; at++) {
    const byte = jpeg[at];
    if (byte === 0xff) {
      if (jpeg[at + 1] !== 0) break;
      at++;
    }
    bytes[length++] = byte;
  }
  bytes.fill(0, length, length + 4);
  return { bytes, length };
}

/** The 32 bits of `bytes` from bit `position` on, first bit highest. */
export function next32(bytes: Uint8Array, position: number): number {
  const at = position >>> 3;
  const shift = position & 7;
  const word = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
  return ((word << shift) | (bytes[at + 4] >>> (8 - shift))) >>> 0;
}

/** Writes entropy-coded data, stuffing a zero byte after every 0xFF, into a growing buffer. */
export class StuffingWriter {
  #bytes: Uint8Array<ArrayBuffer>;
  #length = 0;
  #pending = 0;
  #pendingBits = 0;

  constructor(bytes: Uint8Array<ArrayBuffer>) {
    this.#bytes = bytes;
  }

  /** The buffer written into (replaced when it grew). */
  get buffer(): Uint8Array<ArrayBuffer> {
    return this.#bytes;
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#length;
  }

  /** Copies `bytes` as they are (no stuffing): the segments before the scan, the EOI. */
  raw(bytes: Uint8Array): void {
    this.#reserve(bytes.length);
    this.#bytes.set(bytes, this.#length);
    this.#length += bytes.length;
  }

  /** Writes the low `count` (at most 24) bits of `value`, highest first. */
  bits(value: number, count: number): void {
    this.#reserve(8);
    this.#pending = (this.#pending << count) | (value & ((1 << count) - 1));
    this.#pendingBits += count;
    while (this.#pendingBits >= 8) {
      this.#pendingBits -= 8;
      const byte = (this.#pending >>> this.#pendingBits) & 0xff;
      this.#bytes[this.#length++] = byte;
      if (byte === 0xff) this.#bytes[this.#length++] = 0;
    }
    this.#pending &= (1 << this.#pendingBits) - 1;
  }

  /** Copies bits `from` to `to` (exclusive) of unstuffed `source`. */
  copy(source: Uint8Array, from: number, to: number): void {
    let position = from;
    const align = (8 - this.#pendingBits) & 7;
    if (align > 0 && to - position >= align) {
      this.bits(next32(source, position) >>> (32 - align), align);
      position += align;
    }
    if (this.#pendingBits === 0) position = this.#copyBytes(source, position, to);
    const rest = to - position;
    if (rest > 0) this.bits(next32(source, position) >>> (32 - rest), rest);
  }

  /** Copies whole bytes' worth of bits from `position` while the writer is on a byte boundary. */
  #copyBytes(source: Uint8Array, position: number, to: number): number {
    const count = (to - position) >>> 3;
    this.#reserve(count);
    const bytes = this.#bytes;
    const shift = position & 7;
    let length = this.#length;
    let at = position >>> 3;
    for (let nth = 0; nth < count; nth++, at++) {
      const byte = ((source[at] << shift) | (source[at + 1] >>> (8 - shift))) & 0xff;
      bytes[length++] = byte;
      if (byte === 0xff) bytes[length++] = 0;
    }
    this.#length = length;
    return position + count * 8;
  }

  /** Fills the last byte with one bits, as T.81 F.1.2.3 asks at the end of a scan. */
  padToByte(): void {
    if (this.#pendingBits > 0) this.bits(0xff, 8 - this.#pendingBits);
  }

  #reserve(count: number): void {
    // Stuffing at most doubles what is written.
    if (this.#length + 2 * count + 2 <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(2 * this.#bytes.length, this.#length + 2 * count + 2));
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = grown;
  }
}
