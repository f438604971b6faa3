import assert from "node:assert/strict";
import { compressJp2, testImage } from "./_jp2_fixtures.ts";

/** A way to break a file, and what OpenJPEG or the header parser must say about it. */
interface Damage {
  readonly name: string;
  readonly damage: (file: Uint8Array) => Uint8Array;
  readonly message: RegExp;
}

const DAMAGES: readonly Damage[] = [
  {
    name: "truncated inside the main header",
    damage: (file) => file.subarray(0, markerAt(file, 0xff52) + 4),
    message: /ends before its first tile-part/,
  },
  {
    name: "truncated inside the first tile-part",
    damage: (file) => file.subarray(0, markerAt(file, 0xff90) + 40),
    message: /Tile part length size inconsistent with stream length/,
  },
  {
    name: "truncated halfway",
    damage: (file) => file.subarray(0, file.length >> 1),
    message: /Tile part length size inconsistent with stream length/,
  },
  {
    name: "truncated before EOC",
    damage: (file) => file.subarray(0, file.length - 2),
    message: /Stream too short/,
  },
  {
    name: "a flipped bit in the SIZ length",
    damage: (file) => flip(file, markerAt(file, 0xff51) + 3, 0x01),
    message: /Cannot read JPEG 2000 SIZ marker/,
  },
  {
    name: "a flipped bit in the COD decomposition count",
    damage: (file) => flip(file, markerAt(file, 0xff52) + 9, 0x20),
    message: /Invalid value for numresolutions/,
  },
  {
    name: "a flipped bit in a tile-part length",
    damage: (file) => flip(file, markerAt(file, 0xff90, 2) + 6, 0x10),
    message: /Tile part length size inconsistent with stream length/,
  },
  {
    name: "a flipped bit in a tile number",
    damage: (file) => flip(file, markerAt(file, 0xff90, 2) + 5, 0x08),
    message: /Invalid tile number/,
  },
  {
    name: "a flipped bit in an SOP marker",
    damage: (file) => flip(file, markerAt(file, 0xff91, 20) + 1, 0x04),
    message: /Expected SOP marker/,
  },
  {
    name: "a flipped bit in an EPH marker",
    damage: (file) => flip(file, markerAt(file, 0xff92, 5) + 1, 0x04),
    message: /Expected EPH marker/,
  },
];

/** Where the `nth` (from 0) two-byte `marker` is. */
function markerAt(file: Uint8Array, marker: number, nth = 0): number {
  let found = 0;
  for (let offset = 0; offset + 1 < file.length; offset++) {
    if ((file[offset] << 8 | file[offset + 1]) === marker && found++ === nth) return offset;
  }
  throw new Error(`No marker ${marker.toString(16)} number ${nth}`);
}

function flip(file: Uint8Array, offset: number, bit: number): Uint8Array {
  const flipped = file.slice();
  flipped[offset] ^= bit;
  return flipped;
}

Deno.test("openJp2() answers truncated and bit-flipped files with CorruptSourceError", async () => {
  const file = await compressJp2(testImage(150, 100, 3), [
    "-n",
    "4",
    "-t",
    "64,64",
    "-SOP",
    "-EPH",
  ]);
  const dir = await Deno.makeTempDir({ prefix: "tessera-jp2-damaged-" });
  try {
    const paths = await Promise.all(DAMAGES.map(async ({ damage }, index) => {
      const path = `${dir}/${index}.jp2`;
      await Deno.writeFile(path, damage(file));
      return path;
    }));
    const script = new URL("./_decode_files.ts", import.meta.url);
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", "--allow-ffi", "--allow-env", script.href, ...paths],
      signal: AbortSignal.timeout(30_000),
    }).output();
    const stderr = new TextDecoder().decode(output.stderr);
    assert.ok(output.success, `The decoding process died (${output.code}): ${stderr}`);
    const outcomes = JSON.parse(new TextDecoder().decode(output.stdout)) as { outcome: string }[];
    DAMAGES.forEach(({ name, message }, index) => {
      const { outcome } = outcomes[index];
      assert.match(outcome, /^CorruptSourceError: /, name);
      assert.match(outcome, message, name);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
