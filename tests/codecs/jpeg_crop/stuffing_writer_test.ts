import assert from "node:assert/strict";
import { StuffingWriter, UnstuffedScan } from "../../../src/codecs/jpeg_crop/_bits.ts";

/** Random entropy-coded data, `ffShare` of its bytes 0xFF, stuffed as in a JPEG. */
function stuffedData(count: number, ffShare: number, seed: number): Uint8Array {
  const bytes: number[] = [];
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    const byte = (state >>> 16) % 1000 < ffShare * 1000 ? 0xff : state >>> 24;
    bytes.push(byte);
    if (byte === 0xff) bytes.push(0);
  }
  return Uint8Array.from(bytes);
}

/** The bits of unstuffed `data`, as 0/1 numbers: the reference every copy is checked with. */
function bitsOf(data: Uint8Array): number[] {
  return [...data].flatMap((byte) => [7, 6, 5, 4, 3, 2, 1, 0].map((bit) => (byte >> bit) & 1));
}

function unstuffed(stuffed: Uint8Array): Uint8Array {
  const scan = new UnstuffedScan();
  scan.read(stuffed, 0);
  return scan.bytes.slice(0, scan.length);
}

Deno.test("StuffingWriter.copyStuffed() copies any run at any alignment, stuffing anew", () => {
  for (const ffShare of [0, 0.004, 0.3]) {
    const stuffed = stuffedData(700, ffShare, 17 + ffShare * 1000);
    const scan = new UnstuffedScan();
    scan.read(stuffed, 0);
    const source = bitsOf(scan.bytes.subarray(0, scan.length));
    let state = 99;
    // The high bits: an LCG's low bits repeat with short periods.
    const random = (below: number) => ((state = (state * 1103515245 + 12345) >>> 0) >>> 8) % below;
    for (let round = 0; round < 300; round++) {
      const lead = random(20);
      // Up to the last bit, and empty runs too.
      const from = random(source.length);
      const count = random(Math.min(source.length - from, 600) + 1);
      const writer = new StuffingWriter(new Uint8Array(16));
      const leading = Array.from({ length: lead }, () => random(2));
      for (const bit of leading) writer.bits(bit, 1);
      const { start, wholeEnd } = scan.runInJpeg(from, count);
      writer.copyStuffed(stuffed, start, count, wholeEnd);
      const written = [...leading, ...source.slice(from, from + count)];
      const padding = (8 - written.length % 8) % 8;
      writer.padToByte();
      const label = `ff ${ffShare}, round ${round}: ${lead} bits, then ${count} from ${from}`;
      const output = writer.buffer.slice(0, writer.length);
      assert.deepEqual(bitsOf(unstuffed(output)), [...written, ...Array(padding).fill(1)], label);
      const unstuffedOk = output.every((byte, i) => byte !== 0xff || output[i + 1] === 0);
      assert.ok(unstuffedOk, `${label}: every 0xFF stuffed`);
    }
  }
});
