/** The table of the reflected CRC-32 polynomial 0xEDB88320 (ZIP, PNG, gzip), one entry a byte. */
const CRC_TABLE = makeCrcTable();

function makeCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/**
 * The CRC-32 of `bytes` continued from `previous`, so a stream can be checked chunk by chunk:
 * `crc32(b, crc32(a))` equals `crc32(a + b)`.
 *
 * @param bytes The next bytes.
 * @param previous The CRC of the bytes before them; 0 to start.
 * @returns The CRC as an unsigned 32-bit integer.
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  let crc = ~previous;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}
