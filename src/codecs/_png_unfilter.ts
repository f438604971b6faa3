import type { PngPass } from "./_png_layout.ts";
import { CorruptSourceError } from "./errors.ts";

/**
 * Undoes the scanline filters of one pass in place (PNG specification, 9.2): afterwards each
 * scanline holds its raw bytes after its (untouched) filter byte. The row above a pass's first
 * row counts as zeros.
 *
 * @param stream The inflated image data.
 * @param pass The pass to unfilter.
 * @param distance Bytes between a byte and its left neighbour of the same channel.
 * @throws {CorruptSourceError} A filter byte is not 0–4.
 */
export function unfilterPass(stream: Uint8Array, pass: PngPass, distance: number): void {
  const stride = pass.rowBytes + 1;
  for (let y = 0; y < pass.height; y++) {
    const start = pass.offset + y * stride + 1;
    const above = y === 0 ? -1 : start - stride;
    const filter = stream[start - 1];
    if (filter === 0) continue;
    if (filter > 4) {
      throw new CorruptSourceError(`Cannot decode PNG: row filter type "${filter}" is unknown`);
    }
    UNFILTERS[filter](stream, start, start + pass.rowBytes, above, distance);
  }
}

/** `above` is the start of the previous unfiltered row, or -1 on a pass's first row. */
type Unfilter = (s: Uint8Array, start: number, end: number, above: number, d: number) => void;

const UNFILTERS: readonly Unfilter[] = [
  () => {},
  function sub(s, start, end, _above, d) {
    for (let i = start + d; i < end; i++) s[i] = (s[i] + s[i - d]) & 255;
  },
  function up(s, start, end, above) {
    if (above < 0) return;
    for (let i = start, j = above; i < end; i++, j++) s[i] = (s[i] + s[j]) & 255;
  },
  function average(s, start, end, above, d) {
    for (let i = start, j = above; i < end; i++, j++) {
      const left = i - d >= start ? s[i - d] : 0;
      const up = above < 0 ? 0 : s[j];
      s[i] = (s[i] + ((left + up) >> 1)) & 255;
    }
  },
  function paeth(s, start, end, above, d) {
    for (let i = start, j = above; i < end; i++, j++) {
      const hasLeft = i - d >= start;
      const a = hasLeft ? s[i - d] : 0;
      const b = above < 0 ? 0 : s[j];
      const c = hasLeft && above >= 0 ? s[j - d] : 0;
      s[i] = (s[i] + paethPredictor(a, b, c)) & 255;
    }
  },
];

function paethPredictor(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}
