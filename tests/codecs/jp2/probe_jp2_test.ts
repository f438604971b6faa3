import assert from "node:assert/strict";
import { CorruptSourceError } from "../../../src/codecs/errors.ts";
import { probeJp2 } from "../../../src/codecs/jp2/mod.ts";
import { compressJp2, testImage } from "./_jp2_fixtures.ts";
import { boxAt, withColourSpace } from "./_box_editing.ts";

const PROBES = [
  {
    channels: 1,
    options: ["-n", "4", "-t", "64,64"],
    format: "jp2",
    expected: {
      width: 150,
      height: 100,
      hasAlpha: false,
      levels: 4,
      tileWidth: 64,
      tileHeight: 64,
    },
  },
  {
    channels: 4,
    options: ["-n", "6"],
    format: "jp2",
    expected: {
      width: 150,
      height: 100,
      hasAlpha: true,
      levels: 6,
      tileWidth: 150,
      tileHeight: 100,
    },
  },
  {
    channels: 2,
    options: ["-n", "1", "-t", "256,32"],
    format: "j2k",
    expected: {
      width: 150,
      height: 100,
      hasAlpha: true,
      levels: 1,
      tileWidth: 150,
      tileHeight: 32,
    },
  },
  {
    channels: 3,
    options: ["-n", "3", "-t", "64,64", "-d", "37,21", "-T", "5,3", "-TLM"],
    format: "jp2",
    expected: {
      width: 150,
      height: 100,
      hasAlpha: false,
      levels: 3,
      tileWidth: 64,
      tileHeight: 64,
    },
  },
] as const;

Deno.test("probeJp2() reads size, alpha, levels and tiles of files by opj_compress", async () => {
  for (const { channels, options, format, expected } of PROBES) {
    const file = await compressJp2(testImage(150, 100, channels), options, format);
    assert.deepEqual(probeJp2(file), expected, `${channels} channels, ${options.join(" ")}`);
  }
});

Deno.test("probeJp2() answers undefined until the head reaches the first tile-part", async () => {
  for (const format of ["jp2", "j2k"] as const) {
    const file = await compressJp2(testImage(40, 30, 3), ["-n", "2"], format);
    const complete = probeJp2(file);
    let shortest = 0;
    while (probeJp2(file.subarray(0, shortest)) === undefined) shortest++;
    assert.deepEqual(probeJp2(file.subarray(0, shortest)), complete);
    // The first tile-part's SOT marker is what ends the main header.
    assert.deepEqual([...file.subarray(shortest - 4, shortest - 2)], [0xff, 0x90], format);
  }
});

Deno.test("probeJp2() rejects broken boxes and markers with CorruptSourceError", async () => {
  const file = await compressJp2(testImage(40, 30, 3), ["-n", "2"]);
  const jp2h = boxAt(file, "jp2h");
  const jp2c = boxAt(file, "jp2c");
  const damaged = [
    { bytes: file.slice(12), message: /no signature box at offset 0/ },
    { bytes: withByte(file, 15, 4), message: /"ftyp" box of 4 bytes at offset 12/ },
    { bytes: withByte(file, jp2h.offset + 11, 0xff), message: /box overruns its JP2 header box/ },
    { bytes: withByte(file, jp2c.offset + 9, 0), message: /does not start with SOC and SIZ/ },
    { bytes: withByte(file, jp2c.offset + 13, 2), message: /SIZ marker: .* in 4 bytes/ },
  ];
  for (const { bytes, message } of damaged) {
    assert.throws(() => probeJp2(bytes), (error) => {
      assert.ok(error instanceof CorruptSourceError);
      assert.match(error.message, message);
      return true;
    });
  }
});

Deno.test("probeJp2() rejects what cannot become RGBA with UnsupportedSourceError", async () => {
  const rgb = await compressJp2(testImage(40, 30, 3), ["-n", "2"]);
  assert.throws(() => probeJp2(withColourSpace(rgb, 18)), {
    name: "UnsupportedSourceError",
    message: /"sYCC"/,
  });
  assert.throws(() => probeJp2(withColourSpace(rgb, 12)), {
    name: "UnsupportedSourceError",
    message: /"CMYK"/,
  });
  const subsampled = await compressJp2(testImage(40, 30, 3), ["-n", "2", "-s", "2,2"]);
  assert.throws(() => probeJp2(subsampled), {
    name: "UnsupportedSourceError",
    message: /subsampled/,
  });
  const five = await compressJp2(testImage(40, 30, 5), ["-n", "2"], "j2k");
  assert.throws(() => probeJp2(five), {
    name: "UnsupportedSourceError",
    message: /"5" components/,
  });
});

function withByte(file: Uint8Array, offset: number, value: number): Uint8Array {
  const changed = file.slice();
  changed[offset] = value;
  return changed;
}
