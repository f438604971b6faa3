import assert from "node:assert/strict";
import { openTiff } from "../../../src/codecs/tiff/mod.ts";
import type { Raster } from "../../../src/ops/raster.ts";
import {
  allocate,
  assertSameRaster,
  crop,
  expectedRgba,
  FixtureDir,
  memorySource,
  patternSamples,
  type Samples,
  vipsRgba,
  writeRaw,
} from "./_tiff_fixtures.ts";

const WIDTH = 600;
const HEIGHT = 300;
/** Whole image, across tile and strip borders, the bottom-right corner pixel, one edge tile. */
const RECTS = [
  { x: 0, y: 0, width: WIDTH, height: HEIGHT },
  { x: 200, y: 230, width: 330, height: 45 },
  { x: WIDTH - 1, y: HEIGHT - 1, width: 1, height: 1 },
  { x: 512, y: 256, width: WIDTH - 512, height: HEIGHT - 256 },
];

interface Case {
  readonly name: string;
  /** What `tiffdump` must show, so the fixture really is the variant named. */
  readonly dump: readonly RegExp[];
  /** Makes the file from the raw samples in `input.raw`; returns its name. */
  readonly make: (dir: FixtureDir, raw: RawArgs) => Promise<string>;
  readonly bands: number;
  readonly bits: 8 | 16;
  /** Where the expected pixels come from: the samples written, or libvips decoding the file. */
  readonly expected: "samples" | "vips";
  readonly minIsWhite?: boolean;
  readonly associatedAlpha?: boolean;
}

/** raw2tiff arguments for the case's samples, written to `name`.raw. */
interface RawArgs {
  readonly name: string;
  readonly args: readonly string[];
}

/** raw2tiff into `<case>.tif`, MSB-first unless `extra` says otherwise, then optional steps. */
async function fromRaw(
  dir: FixtureDir,
  raw: RawArgs,
  options: { photometric: string; raw2tiff?: string[]; then?: string[][] },
): Promise<string> {
  const output = `${raw.name}.tif`;
  await dir.run(
    "raw2tiff",
    ...raw.args,
    "-p",
    options.photometric,
    ...(options.raw2tiff ?? ["-M", "-c", "none"]),
    `${raw.name}.raw`,
    output,
  );
  for (const step of options.then ?? []) {
    await dir.run(
      step[0],
      ...step.slice(1).map((arg) => arg === "$" ? output : arg),
    );
  }
  return output;
}

/** tiffcp `input` with `args` into `<name>.tif`. */
async function tiffcp(
  dir: FixtureDir,
  name: string,
  input: string,
  args: string[],
): Promise<string> {
  await dir.run("tiffcp", ...args, input, `${name}.tif`);
  return `${name}.tif`;
}

const TILES = ["-t", "-w", "256", "-l", "256"];

const CASES: readonly Case[] = [
  {
    name: "uncompressed RGB strips",
    dump: [
      /Compression \(259\) SHORT \(3\) 1<1>/,
      /RowsPerStrip \(278\) \w+ \(\d\) 1<37>/,
      /<little-endian>/,
    ],
    bands: 3,
    bits: 8,
    expected: "samples",
    make: (dir, raw) =>
      fromRaw(dir, raw, { photometric: "rgb", raw2tiff: ["-M", "-c", "none", "-r", "37"] }),
  },
  {
    name: "LZW RGB tiles with horizontal differencing",
    dump: [
      /Compression \(259\) SHORT \(3\) 1<5>/,
      /Predictor \(317\) SHORT \(3\) 1<2>/,
      /TileWidth \(322\)/,
    ],
    bands: 3,
    bits: 8,
    expected: "samples",
    make: async (dir, raw) =>
      tiffcp(dir, `${raw.name}_lzw`, await fromRaw(dir, raw, { photometric: "rgb" }), [
        "-c",
        "lzw:2",
        ...TILES,
      ]),
  },
  {
    name: "big-endian Deflate (8) RGB tiles with differencing",
    dump: [
      /<big-endian>/,
      /Compression \(259\) SHORT \(3\) 1<8>/,
      /Predictor \(317\) SHORT \(3\) 1<2>/,
      /TileWidth \(322\)/,
    ],
    bands: 3,
    bits: 8,
    expected: "samples",
    make: async (dir, raw) =>
      tiffcp(dir, `${raw.name}_zip`, await fromRaw(dir, raw, { photometric: "rgb" }), [
        "-B",
        "-c",
        "zip:2",
        ...TILES,
      ]),
  },
  {
    name: "Deflate (32946) RGB strips",
    dump: [/Compression \(259\) SHORT \(3\) 1<32946>/, /StripOffsets \(273\) \w+ \(\d+\) 5</],
    bands: 3,
    bits: 8,
    expected: "samples",
    make: async (dir, raw) => {
      const file = await tiffcp(
        dir,
        `${raw.name}_zip`,
        await fromRaw(dir, raw, { photometric: "rgb" }),
        ["-c", "zip", "-r", "64"],
      );
      await dir.run("tiffset", "-s", "259", "32946", file);
      return file;
    },
  },
  {
    name: "PackBits RGB strips",
    dump: [/Compression \(259\) SHORT \(3\) 1<32773>/, /RowsPerStrip \(278\) \w+ \(\d\) 1<16>/],
    bands: 3,
    bits: 8,
    expected: "samples",
    make: async (dir, raw) =>
      tiffcp(dir, `${raw.name}_pb`, await fromRaw(dir, raw, { photometric: "rgb" }), [
        "-c",
        "packbits",
        "-r",
        "16",
      ]),
  },
  {
    name: "BigTIFF LZW RGB tiles",
    dump: [
      /<little-endian> Version: 0x2b <BigTIFF>/,
      /Compression \(259\) SHORT \(3\) 1<5>/,
      /TileWidth \(322\)/,
    ],
    bands: 3,
    bits: 8,
    expected: "samples",
    make: async (dir, raw) =>
      tiffcp(dir, `${raw.name}_big`, await fromRaw(dir, raw, { photometric: "rgb" }), [
        "-8",
        "-c",
        "lzw",
        ...TILES,
      ]),
  },
  {
    name: "big-endian BigTIFF PackBits RGB tiles",
    dump: [
      /<big-endian> Version: 0x2b <BigTIFF>/,
      /Compression \(259\) SHORT \(3\) 1<32773>/,
      /TileWidth \(322\)/,
    ],
    bands: 3,
    bits: 8,
    expected: "samples",
    make: async (dir, raw) =>
      tiffcp(dir, `${raw.name}_bigbe`, await fromRaw(dir, raw, { photometric: "rgb" }), [
        "-8",
        "-B",
        "-c",
        "packbits",
        ...TILES,
      ]),
  },
  {
    name: "LZW RGB strips in FillOrder 2 (bits reversed)",
    dump: [/FillOrder \(266\) SHORT \(3\) 1<2>/, /Compression \(259\) SHORT \(3\) 1<5>/],
    bands: 3,
    bits: 8,
    expected: "samples",
    make: (dir, raw) =>
      fromRaw(dir, raw, { photometric: "rgb", raw2tiff: ["-L", "-c", "lzw", "-r", "50"] }),
  },
  {
    name: "16-bit RGB LZW tiles with differencing",
    dump: [
      /BitsPerSample \(258\) SHORT \(3\) 3<16 16 16>/,
      /Predictor \(317\) SHORT \(3\) 1<2>/,
      /TileWidth \(322\)/,
    ],
    bands: 3,
    bits: 16,
    expected: "samples",
    make: async (dir, raw) =>
      tiffcp(dir, `${raw.name}_lzw`, await fromRaw(dir, raw, { photometric: "rgb" }), [
        "-c",
        "lzw:2",
        ...TILES,
      ]),
  },
  {
    name: "big-endian 16-bit RGB Deflate strips with differencing",
    dump: [
      /<big-endian>/,
      /BitsPerSample \(258\) SHORT \(3\) 3<16 16 16>/,
      /Predictor \(317\) SHORT \(3\) 1<2>/,
      /Compression \(259\) SHORT \(3\) 1<8>/,
    ],
    bands: 3,
    bits: 16,
    expected: "samples",
    make: async (dir, raw) =>
      tiffcp(dir, `${raw.name}_be`, await fromRaw(dir, raw, { photometric: "rgb" }), [
        "-B",
        "-c",
        "zip:2",
        "-r",
        "40",
      ]),
  },
  {
    name: "8-bit gray Deflate tiles",
    dump: [
      /Photometric \(262\) SHORT \(3\) 1<1>/,
      /Compression \(259\) SHORT \(3\) 1<8>/,
      /TileWidth \(322\)/,
    ],
    bands: 1,
    bits: 8,
    expected: "samples",
    make: async (dir, raw) =>
      tiffcp(dir, `${raw.name}_zip`, await fromRaw(dir, raw, { photometric: "minisblack" }), [
        "-c",
        "zip",
        ...TILES,
      ]),
  },
  {
    name: "16-bit gray uncompressed strips",
    dump: [/BitsPerSample \(258\) SHORT \(3\) 1<16>/, /Compression \(259\) SHORT \(3\) 1<1>/],
    bands: 1,
    bits: 16,
    expected: "samples",
    make: (dir, raw) => fromRaw(dir, raw, { photometric: "minisblack" }),
  },
  {
    name: "8-bit MinIsWhite gray LZW strips",
    dump: [/Photometric \(262\) SHORT \(3\) 1<0>/, /Compression \(259\) SHORT \(3\) 1<5>/],
    bands: 1,
    bits: 8,
    expected: "samples",
    minIsWhite: true,
    make: async (dir, raw) =>
      tiffcp(dir, `${raw.name}_lzw`, await fromRaw(dir, raw, { photometric: "miniswhite" }), [
        "-c",
        "lzw",
        "-r",
        "100",
      ]),
  },
  {
    name: "16-bit MinIsWhite gray PackBits tiles",
    dump: [
      /Photometric \(262\) SHORT \(3\) 1<0>/,
      /BitsPerSample \(258\) SHORT \(3\) 1<16>/,
      /TileWidth \(322\)/,
    ],
    bands: 1,
    bits: 16,
    expected: "samples",
    minIsWhite: true,
    make: async (dir, raw) =>
      tiffcp(dir, `${raw.name}_pb`, await fromRaw(dir, raw, { photometric: "miniswhite" }), [
        "-c",
        "packbits",
        ...TILES,
      ]),
  },
  {
    name: "gray + unassociated alpha LZW tiles",
    dump: [
      /ExtraSamples \(338\) SHORT \(3\) 1<2>/,
      /SamplesPerPixel \(277\) SHORT \(3\) 1<2>/,
      /TileWidth \(322\)/,
    ],
    bands: 2,
    bits: 8,
    expected: "samples",
    make: async (dir, raw) => {
      const file = await fromRaw(dir, raw, {
        photometric: "minisblack",
        then: [["tiffset", "-s", "ExtraSamples", "1", "2", "$"]],
      });
      return await tiffcp(dir, `${raw.name}_lzw`, file, ["-c", "lzw:2", ...TILES]);
    },
  },
  {
    name: "RGBA with unassociated alpha, Deflate tiles",
    dump: [/ExtraSamples \(338\) SHORT \(3\) 1<2>/, /Compression \(259\) SHORT \(3\) 1<8>/],
    bands: 4,
    bits: 8,
    expected: "samples",
    make: async (dir, raw) => {
      const file = await fromRaw(dir, raw, {
        photometric: "rgb",
        then: [["tiffset", "-s", "ExtraSamples", "1", "2", "$"]],
      });
      return await tiffcp(dir, `${raw.name}_zip`, file, ["-c", "zip:2", ...TILES]);
    },
  },
  {
    name: "RGBA with associated alpha, LZW strips",
    dump: [/ExtraSamples \(338\) SHORT \(3\) 1<1>/, /Compression \(259\) SHORT \(3\) 1<5>/],
    bands: 4,
    bits: 8,
    expected: "samples",
    associatedAlpha: true,
    make: async (dir, raw) => {
      const file = await fromRaw(dir, raw, {
        photometric: "rgb",
        then: [["tiffset", "-s", "ExtraSamples", "1", "1", "$"]],
      });
      return await tiffcp(dir, `${raw.name}_lzw`, file, ["-c", "lzw", "-r", "64"]);
    },
  },
  {
    name: "16-bit RGBA with associated alpha, big-endian tiles",
    dump: [
      /<big-endian>/,
      /ExtraSamples \(338\) SHORT \(3\) 1<1>/,
      /BitsPerSample \(258\) SHORT \(3\) 4<16 16 16 16>/,
    ],
    bands: 4,
    bits: 16,
    expected: "samples",
    associatedAlpha: true,
    make: async (dir, raw) => {
      const file = await fromRaw(dir, raw, {
        photometric: "rgb",
        then: [["tiffset", "-s", "ExtraSamples", "1", "1", "$"]],
      });
      return await tiffcp(dir, `${raw.name}_be`, file, ["-B", "-c", "zip", ...TILES]);
    },
  },
  {
    name: "8-bit palette LZW strips (tiffmedian)",
    dump: [/Photometric \(262\) SHORT \(3\) 1<3>/, /Colormap \(320\) SHORT \(3\) 768</],
    bands: 3,
    bits: 8,
    expected: "vips",
    make: async (dir, raw) => {
      const file = await fromRaw(dir, raw, { photometric: "rgb" });
      await dir.run("tiffmedian", "-C", "200", "-c", "lzw", file, `${raw.name}_palette.tif`);
      return `${raw.name}_palette.tif`;
    },
  },
  {
    name: "1-bit gray tiles (vips --bitdepth 1)",
    dump: [/BitsPerSample \(258\) SHORT \(3\) 1<1>/, /TileWidth \(322\)/],
    bands: 1,
    bits: 8,
    expected: "vips",
    make: (dir, raw) => vipsBitDepth(dir, raw, "1"),
  },
  {
    name: "4-bit gray LZW strips (vips --bitdepth 4)",
    dump: [/BitsPerSample \(258\) SHORT \(3\) 1<4>/, /Compression \(259\) SHORT \(3\) 1<5>/],
    bands: 1,
    bits: 8,
    expected: "vips",
    make: (dir, raw) => vipsBitDepth(dir, raw, "4"),
  },
];

async function vipsBitDepth(dir: FixtureDir, raw: RawArgs, bits: string): Promise<string> {
  const file = await fromRaw(dir, raw, { photometric: "minisblack" });
  const output = `${raw.name}_${bits}bit.tif`;
  const tiles = bits === "1" ? ["--tile", "--tile-width", "256", "--tile-height", "256"] : [];
  await dir.run(
    "vips",
    "tiffsave",
    file,
    output,
    "--bitdepth",
    bits,
    "--compression",
    bits === "1" ? "none" : "lzw",
    "--predictor",
    "none",
    ...tiles,
  );
  return output;
}

async function prepare(
  dir: FixtureDir,
  testCase: Case,
  index: number,
): Promise<{ path: string; expected: Raster }> {
  const samples = patternSamples(WIDTH, HEIGHT, testCase.bands, testCase.bits);
  const name = `case${index}`;
  await writeRaw(dir.file(`${name}.raw`), samples);
  const args = [
    "-w",
    `${WIDTH}`,
    "-l",
    `${HEIGHT}`,
    "-b",
    `${testCase.bands}`,
    "-d",
    testCase.bits === 8 ? "byte" : "short",
  ];
  const file = await testCase.make(dir, { name, args });
  const expected = testCase.expected === "vips"
    ? await vipsRgba(dir, dir.file(file))
    : expectedRgba(samples as Samples, testCase);
  return { path: dir.file(file), expected };
}

Deno.test("readRegion() decodes lossless TIFF variants to their exact pixels", async (t) => {
  await using dir = await FixtureDir.create();
  const prepared = await Promise.all(CASES.map((testCase, index) => prepare(dir, testCase, index)));
  for (const [index, testCase] of CASES.entries()) {
    await t.step(testCase.name, async () => {
      const { path, expected } = prepared[index];
      const dump = await dir.run("tiffdump", path);
      for (const fact of testCase.dump) assert.match(dump, fact);
      const tiff = await openTiff(memorySource(await Deno.readFile(path)));
      assert.equal(tiff.levels.length, 1);
      assert.equal(tiff.hasAlpha, testCase.bands === 2 || testCase.bands === 4);
      for (const rect of RECTS) {
        const raster = await tiff.readRegion(0, rect, allocate);
        assertSameRaster(
          raster,
          crop(expected, rect),
          `${testCase.name}, region ${Object.values(rect)}`,
        );
      }
    });
  }
});
