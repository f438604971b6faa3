/** A Huffman table of a JPEG (DHT), for reading symbols and writing DC categories. */
export interface HuffmanTable {
  /** The next 9 bits → `length << 8 | symbol` of a code of up to 9 bits, else 0. */
  readonly fast: Uint16Array;
  /** Per code length 1–16: the largest code of that length, or -1. */
  readonly maxCode: Int32Array;
  /** Per code length: what to add to a code of that length to index `symbols`. */
  readonly symbolIndex: Int32Array;
  readonly symbols: Uint8Array;
  /** Symbol → `length << 16 | code`, or 0 when the table has no code for it. */
  readonly codes: Uint32Array;
  /**
   * For AC tables: the next 12 bits → the whole AC coefficients they hold (codes and value
   * bits), as `endOfBlock << 11 | coefficients << 4 | bits`; 0 when not even one fits.
   */
  readonly acRuns: Uint16Array;
}

const FAST_BITS = 9;

/**
 * The table a DHT entry defines: `counts[i]` codes of length i + 1, for `symbols` in order
 * (ITU T.81 annex C). `undefined` when the counts overflow the code space.
 */
export function huffmanTable(counts: Uint8Array, symbols: Uint8Array): HuffmanTable | undefined {
  const fast = new Uint16Array(1 << FAST_BITS);
  const maxCode = new Int32Array(17).fill(-1);
  const symbolIndex = new Int32Array(17);
  const codes = new Uint32Array(256);
  let code = 0;
  let index = 0;
  for (let length = 1; length <= 16; length++) {
    const count = counts[length - 1];
    symbolIndex[length] = index - code;
    for (let nth = 0; nth < count; nth++, code++, index++) {
      if (code >= 1 << length) return undefined;
      codes[symbols[index]] = (length << 16) | code;
      if (length <= FAST_BITS) {
        const shift = FAST_BITS - length;
        fast.fill((length << 8) | symbols[index], code << shift, (code + 1) << shift);
      }
    }
    if (count > 0) maxCode[length] = code - 1;
    code <<= 1;
  }
  return { fast, maxCode, symbolIndex, symbols: symbols.slice(), codes, acRuns: acRunsOf(fast) };
}

const RUN_BITS = 12;

/**
 * `acRuns` from the fast lookup: reading several short AC codes per lookup is what makes
 * skipping a block's coefficients cheaper than decoding them one by one.
 */
function acRunsOf(fast: Uint16Array): Uint16Array {
  const runs = new Uint16Array(1 << RUN_BITS);
  for (let window = 0; window < runs.length; window++) {
    let bits = 0;
    let coefficients = 0;
    let endOfBlock = 0;
    while (endOfBlock === 0) {
      const next = (window << bits) & ((1 << RUN_BITS) - 1);
      const entry = fast[next >>> (RUN_BITS - FAST_BITS)];
      const length = entry >> 8;
      const size = entry & 15;
      const run = (entry >> 4) & 15;
      if (entry === 0 || bits + length + size > RUN_BITS) break;
      bits += length + size;
      if (size === 0 && run !== 15) endOfBlock = 1;
      else coefficients += size === 0 ? 16 : run + 1;
    }
    runs[window] = (endOfBlock << 11) | (coefficients << 4) | bits;
  }
  return runs;
}

/**
 * The code at the head of `next32` (the next 32 bits of the scan, first bit highest):
 * `length << 8 | symbol`, or -1 when no code of the table starts those bits.
 */
export function readSymbol(table: HuffmanTable, next32: number): number {
  const fast = table.fast[next32 >>> (32 - FAST_BITS)];
  if (fast !== 0) return fast;
  for (let length = FAST_BITS + 1; length <= 16; length++) {
    const code = next32 >>> (32 - length);
    if (code <= table.maxCode[length]) {
      return (length << 8) | table.symbols[table.symbolIndex[length] + code];
    }
  }
  return -1;
}
