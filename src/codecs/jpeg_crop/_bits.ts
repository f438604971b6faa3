/**
 * The entropy-coded data of a JPEG with its stuffed zero bytes taken out (every 0xFF of the data
 * is written 0xFF 0x00), in buffers reused from one JPEG to the next, followed by four zero
 * bytes so that 32 bits can be read from any bit of it; and where each byte was in the JPEG.
 */
export class UnstuffedScan {
  bytes = new Uint8Array(64 * 1024);
  length = 0;
  #start = 0;
  /** Indices (in `bytes`) of the 0xFF bytes, each followed by a stuffed zero in the JPEG. */
  #stuffed = new Int32Array(1024);
  #stuffedCount = 0;

  /** Reads the entropy-coded data of `jpeg` from `start` to its first marker. */
  read(jpeg: Uint8Array, start: number): void {
    if (this.bytes.length < jpeg.length - start + 4) this.bytes = new Uint8Array(jpeg.length + 4);
    const bytes = this.bytes;
    this.#start = start;
    this.#stuffedCount = 0;
    let length = 0;
    for (let at = start; at < jpeg.length; at++) {
      const byte = jpeg[at];
      if (byte === 0xff) {
        if (jpeg[at + 1] !== 0) break;
        this.#noteStuffed(length);
        at++;
      }
      bytes[length++] = byte;
    }
    bytes.fill(0, length, length + 4);
    this.length = length;
  }

  /**
   * Where a run of `count` bits of the data from bit `from` is in the JPEG, as
   * {@linkcode StuffingWriter.copyStuffed} takes it: the JPEG bit it starts at, and the JPEG
   * offset after its whole bytes (those after a first partial byte), stuffed zeros included.
   */
  runInJpeg(from: number, count: number): { start: number; wholeEnd: number } {
    const skip = from & 7;
    const partial = skip > 0 ? Math.min(8 - skip, count) : 0;
    const whole = (count - partial) >>> 3;
    const first = from >>> 3;
    const start = this.offsetInJpeg(first) * 8 + skip;
    return { start, wholeEnd: this.offsetInJpeg(first + (skip > 0 ? 1 : 0) + whole) };
  }

  /** Where byte `index` of the data is in the JPEG. */
  offsetInJpeg(index: number): number {
    const stuffed = this.#stuffed;
    let low = 0;
    let high = this.#stuffedCount;
    // Stuffed zeros before it: after each 0xFF at an index below `index`.
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (stuffed[middle] < index) low = middle + 1;
      else high = middle;
    }
    return this.#start + index + low;
  }

  #noteStuffed(index: number): void {
    if (this.#stuffedCount === this.#stuffed.length) {
      const grown = new Int32Array(this.#stuffed.length * 2);
      grown.set(this.#stuffed);
      this.#stuffed = grown;
    }
    this.#stuffed[this.#stuffedCount++] = index;
  }
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

  /**
   * Copies `count` bits of entropy-coded data straight from the stuffed `jpeg`, from its bit
   * `start` on. When the writer and the source are at the same bit of their bytes, the whole
   * bytes between are the same bytes, stuffing included (up to `wholeEnd`): copied as they are.
   */
  copyStuffed(jpeg: Uint8Array, start: number, count: number, wholeEnd: number): void {
    const skip = start & 7;
    let remaining = count;
    let position = start >>> 3;
    if (skip > 0) {
      const take = Math.min(8 - skip, remaining);
      this.bits(jpeg[position] >>> (8 - skip - take), take);
      position += jpeg[position] === 0xff ? 2 : 1;
      remaining -= take;
    }
    const whole = remaining >>> 3;
    if (this.#pendingBits > 0) position = this.#copyShifted(jpeg, position, whole);
    else {
      this.raw(jpeg.subarray(position, wholeEnd));
      position = wholeEnd;
    }
    remaining &= 7;
    if (remaining > 0) this.bits(jpeg[position] >>> (8 - remaining), remaining);
  }

  /**
   * Copies `whole` bytes of data from `at` shifted by the pending bits, stuffing anew: four bytes
   * at a time while neither they nor what they become hold a 0xFF (a right-hand edge tile's rows
   * all land at another bit: this loop is most of its cut), one at a time around a 0xFF.
   */
  #copyShifted(jpeg: Uint8Array, at: number, whole: number): number {
    this.#reserve(whole);
    const bytes = this.#bytes;
    // Big-endian word loads and stores: a third faster than four byte loads and stores each.
    const source = new DataView(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
    const target = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const shift = this.#pendingBits;
    const low = (1 << shift) - 1;
    let pending = this.#pending;
    let length = this.#length;
    let position = at;
    let left = whole;
    while (left > 0) {
      if (left >= 4) {
        const word = source.getInt32(position);
        const out = (pending << (32 - shift)) | (word >>> shift);
        if (!holdsFF(word) && !holdsFF(out)) {
          target.setInt32(length, out);
          pending = word & low;
          position += 4;
          length += 4;
          left -= 4;
          continue;
        }
      }
      const next = jpeg[position];
      position += next === 0xff ? 2 : 1;
      const byte = ((pending << (8 - shift)) | (next >>> shift)) & 0xff;
      pending = next & low;
      bytes[length++] = byte;
      if (byte === 0xff) bytes[length++] = 0;
      left--;
    }
    this.#pending = pending;
    this.#length = length;
    return position;
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

/** Whether any byte of the 32-bit `word` is 0xFF (a zero byte of its complement). */
function holdsFF(word: number): boolean {
  const inverse = ~word;
  return ((inverse - 0x01010101) & ~inverse & 0x80808080) !== 0;
}
