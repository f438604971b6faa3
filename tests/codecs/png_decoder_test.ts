import assert from "node:assert/strict";
import initSquoosh, {
  decode as squooshDecode,
  decode_rgba16 as squooshDecode16,
} from "@jsquash/png/codec/pkg/squoosh_png.js";
import { deflateSync } from "node:zlib";
import { loadWasm } from "../../src/codecs/_load_wasm.ts";
import { CorruptSourceError } from "../../src/codecs/errors.ts";
import { pngCodec } from "../../src/codecs/png_codec.ts";
import { buildPng, idat, ihdr } from "./_images.ts";
import { vips, withTempDir } from "./_vips.ts";

const allocate = (byteLength: number) => new Uint8Array(byteLength);
const END = ["IEND", new Uint8Array()] as const;
const WIDTH = 37;
const HEIGHT = 23;

/** A picture with gradients, edges and partial alpha, so every row filter gets used. */
function testPicture(): Uint8Array {
  const data = new Uint8Array(WIDTH * HEIGHT * 4);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const o = (y * WIDTH + x) * 4;
      data.set([(x * 7) & 255, (y * 11) & 255, ((x ^ y) * 13) & 255, x < 5 ? 0 : 255 - y * 3], o);
    }
  }
  return data;
}

/**
 * What squoosh's decoder (Tessera's PNG decoder until it leaked on damaged files) makes of a
 * PNG, 16-bit samples rounded the way Tessera rounds them.
 */
async function squooshReference(png: Uint8Array): Promise<Uint8Array> {
  await initSquoosh(await loadWasm("@jsquash/png/codec/pkg/squoosh_png_bg.wasm"));
  if (png[24] !== 16) return new Uint8Array(squooshDecode(png).data);
  const image = squooshDecode16(png);
  try {
    return Uint8Array.from(image.data, (value) => Math.round(value / 257));
  } finally {
    image.free();
  }
}

/** `vips pngsave` options → a description, for every layout vips can write. */
const VARIANTS: readonly [string, string, string[]][] = [
  ["RGBA 8", "rgba", []],
  ["RGBA 8 interlaced", "rgba", ["--interlace"]],
  ["RGBA 16", "rgba", ["--bitdepth", "16"]],
  ["RGBA 16 interlaced", "rgba", ["--bitdepth", "16", "--interlace"]],
  ["RGB 8", "rgb", []],
  ["RGB 16", "rgb", ["--bitdepth", "16"]],
  ["gray 8", "gray", []],
  ["gray 4", "gray", ["--bitdepth", "4"]],
  ["gray 2 interlaced", "gray", ["--bitdepth", "2", "--interlace"]],
  ["gray 1", "gray", ["--bitdepth", "1"]],
  ["gray+alpha 8", "graya", []],
  ["gray+alpha 16", "graya", ["--bitdepth", "16"]],
  ["palette 8 with alpha", "rgba", ["--palette"]],
  ["palette 4", "rgb", ["--palette", "--bitdepth", "4"]],
  ["palette 2 interlaced", "rgba", ["--palette", "--bitdepth", "2", "--interlace"]],
];

Deno.test("pngCodec.decode() matches squoosh's decoder on every layout vips writes", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/picture.raw`, testPicture());
    await vips("rawload", `${dir}/picture.raw`, `${dir}/rgba.v`, `${WIDTH}`, `${HEIGHT}`, "4");
    await vips("extract_band", `${dir}/rgba.v`, `${dir}/rgb.v`, "0", "--n", "3");
    await vips("colourspace", `${dir}/rgba.v`, `${dir}/graya.v`, "b-w");
    await vips("extract_band", `${dir}/graya.v`, `${dir}/gray.v`, "0");
    for (const [name, input, options] of VARIANTS) {
      const file = `${dir}/${name.replaceAll(" ", "_")}.png`;
      await vips("pngsave", `${dir}/${input}.v`, file, ...options);
      const png = await Deno.readFile(file);
      const decoded = await pngCodec.decode(png, allocate);
      assert.deepEqual([decoded.width, decoded.height], [WIDTH, HEIGHT], name);
      assert.deepEqual(decoded.data, await squooshReference(png), name);
    }
  });
});

Deno.test("pngCodec.decode() makes a gray or RGB tRNS colour transparent, 16-bit compared raw", async () => {
  const gray = buildPng([
    ["IHDR", ihdr(3, 1, 8, 0)],
    ["tRNS", new Uint8Array([0, 7])],
    ["IDAT", idat([[7, 8, 255]])],
    END,
  ]);
  const grayPixels = (await pngCodec.decode(gray, allocate)).data;
  assert.deepEqual([...grayPixels], [7, 7, 7, 0, 8, 8, 8, 255, 255, 255, 255, 255]);
  // 0x0101 and 0x0100 both round to 1: only the exact 16-bit value is transparent.
  const rgb = buildPng([
    ["IHDR", ihdr(2, 1, 16, 2)],
    ["tRNS", new Uint8Array([1, 1, 0, 0, 0, 0])],
    ["IDAT", idat([[1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]])],
    END,
  ]);
  assert.deepEqual([...(await pngCodec.decode(rgb, allocate)).data], [1, 0, 0, 0, 1, 0, 0, 255]);
});

Deno.test("pngCodec.decode() shows palette indices past PLTE as opaque black", async () => {
  const png = buildPng([
    ["IHDR", ihdr(2, 1, 8, 3)],
    ["PLTE", new Uint8Array([10, 20, 30])],
    ["tRNS", new Uint8Array([128])],
    ["IDAT", idat([[0, 5]])],
    END,
  ]);
  assert.deepEqual([...(await pngCodec.decode(png, allocate)).data], [
    10,
    20,
    30,
    128,
    0,
    0,
    0,
    255,
  ]);
});

Deno.test("pngCodec.decode() refuses a bad header, or data short, too long or wrongly filtered", async () => {
  const png = (rows: number[][], filter = 0) =>
    buildPng([
      ["IHDR", ihdr(2, 2, 8, 0)],
      ["IDAT", deflateSync(new Uint8Array(rows.flatMap((row) => [filter, ...row])))],
      END,
    ]);
  const cases: [string, Uint8Array, RegExp][] = [
    ["short", png([[1, 2]]), /ends after 3 of 6 bytes/],
    ["long", png([[1, 2], [3, 4], [5, 6]]), /damaged or too long/],
    ["filter 5", png([[1, 2], [3, 4]], 5), /row filter type "5"/],
    [
      "RGB at 4 bits",
      buildPng([["IHDR", ihdr(2, 2, 4, 2)], ["IDAT", deflateSync(new Uint8Array(8))], END]),
      /bit depth "4" with colour type "2"/,
    ],
  ];
  for (const [name, bytes, message] of cases) {
    await assert.rejects(pngCodec.decode(bytes, allocate), (error: Error) => {
      assert.ok(error instanceof CorruptSourceError, name);
      assert.match(error.message, message, name);
      return true;
    });
  }
});

Deno.test("pngCodec.decode() stops inflating a small file that would expand past its size", async () => {
  // 40 KB of zlib that inflates to 40 MB, declared as a 16×16 image: refused without the 40 MB.
  const bomb = deflateSync(new Uint8Array(40 << 20));
  const png = buildPng([["IHDR", ihdr(16, 16, 8, 0)], ["IDAT", bomb], END]);
  const before = Deno.memoryUsage().rss;
  await assert.rejects(pngCodec.decode(png, allocate), CorruptSourceError);
  assert.ok(Deno.memoryUsage().rss - before < 20 << 20, "the stream was inflated whole");
});

Deno.test("pngCodec.decode() keeps no memory from PNGs whose intact chunks hold broken data", async () => {
  // Valid CRCs around a zlib stream that breaks after its start: the wasm decoder leaked the
  // declared 2000×2000 RGBA buffer for each of these.
  const stream = deflateSync(new Uint8Array(2000 * 8001).fill(3)).fill(0x5a, 40, 400);
  const png = buildPng([["IHDR", ihdr(2000, 2000, 8, 6)], ["IDAT", stream], END]);
  const before = Deno.memoryUsage().rss;
  for (let i = 0; i < 40; i++) {
    await assert.rejects(pngCodec.decode(png, allocate), CorruptSourceError);
  }
  assert.ok(Deno.memoryUsage().rss - before < 64 << 20, "memory grew with each broken file");
});
