/** What a crop plan's edits (four numbers each) do. */
export const EDIT = { COPY: 0, BITS: 1 } as const;
export const EDIT_SIZE = 4;

/**
 * A crop plan's edits as they are found, in a growing buffer reused between plans: bit ranges of
 * the scan to copy, and bits to write (adjacent ones merged while they fit the writer's 24). A
 * COPY is found as (first bit, length) of the unstuffed data; the plan then turns it into the
 * JPEG's positions (`UnstuffedScan.runInJpeg`), as replays read the JPEG itself.
 */
export class CropEdits {
  #edits = new Int32Array(EDIT_SIZE * 256);
  #length = 0;

  clear(): void {
    this.#length = 0;
  }

  /** Copy bits `from` to `to` (exclusive) of the unstuffed scan: recorded as (from, length). */
  copy(from: number, to: number): void {
    if (to > from) this.#push(EDIT.COPY, from, to - from);
  }

  /** Write the low `count` bits of `value`, highest first. */
  bits(value: number, count: number): void {
    const last = this.#length - EDIT_SIZE;
    const edits = this.#edits;
    if (last >= 0 && edits[last] === EDIT.BITS && edits[last + 2] + count <= 24) {
      edits[last + 1] = (edits[last + 1] << count) | (value & ((1 << count) - 1));
      edits[last + 2] += count;
      return;
    }
    this.#push(EDIT.BITS, value & ((1 << count) - 1), count);
  }

  /** The edits so far, copied out. */
  toArray(): Int32Array<ArrayBuffer> {
    return this.#edits.slice(0, this.#length);
  }

  #push(kind: number, a: number, b: number): void {
    if (this.#length + EDIT_SIZE > this.#edits.length) {
      const grown = new Int32Array(this.#edits.length * 2);
      grown.set(this.#edits);
      this.#edits = grown;
    }
    const edits = this.#edits;
    edits[this.#length++] = kind;
    edits[this.#length++] = a;
    edits[this.#length++] = b;
    edits[this.#length++] = 0;
  }
}
