import assert from "node:assert/strict";
import { cropBaselineJpeg, replayBaselineCrop } from "../../../src/codecs/jpeg_crop/mod.ts";
import { probeJpeg } from "../../../src/codecs/probe_jpeg.ts";
import { TurboJpeg } from "../../../src/codecs/turbojpeg.ts";
import type { Raster } from "../../../src/ops/raster.ts";
import {
  cropPlans,
  planningCropper,
  replayingCropper,
} from "../../../workers/edge_tile_croppers.ts";
import { vips, withTempDir } from "../_vips.ts";

const turbo = TurboJpeg.open("libturbojpeg.so.0");

/** A textured picture: every block has many AC coefficients, and some bytes come out 0xFF. */
function textured(width: number, height: number): Raster {
  const data = new Uint8Array(width * height * 4);
  let seed = 7;
  for (let i = 0; i < data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const x = (i / 4) % width;
    const y = Math.floor(i / 4 / width);
    data[i] = (x * 3 + (seed >>> 24)) & 255;
    data[i + 1] = (y * 5 + x) & 255;
    data[i + 2] = ((x ^ y) * 2 + (seed >>> 28)) & 255;
    data[i + 3] = 255;
  }
  return { width, height, data };
}

function decode(jpeg: Uint8Array): Promise<Raster> {
  return turbo.decode(jpeg, 1, (n) => new Uint8Array(n));
}

/** Ours and libjpeg-turbo's crops hold the same coefficients: decoders give the same pixels. */
async function assertSameAsTurbo(jpeg: Uint8Array, width: number, height: number, label: string) {
  const crop = cropBaselineJpeg(jpeg, width, height);
  assert.ok(crop, `${label}: cropped`);
  const ours = crop.jpeg;
  const replayed = cropBaselineJpeg(jpeg, width, height, crop.plan);
  assert.equal(replayed?.plan, crop.plan, `${label}: plan replayed`);
  assertSamePixels(replayed.jpeg, ours, `${label}: replayed`);
  assert.deepEqual(probeJpeg(ours), { width, height, hasAlpha: false }, label);
  const theirs = turbo.crop(jpeg, width, height);
  assertSamePixels((await decode(ours)).data, (await decode(theirs)).data, label);
}

/** Names the first differing byte (a deep comparison's diff of whole rasters is too long). */
function assertSamePixels(actual: Uint8Array, expected: Uint8Array, label: string): void {
  assert.equal(actual.length, expected.length, label);
  const first = actual.findIndex((byte, i) => byte !== expected[i]);
  assert.equal(first, -1, `${label}: first differing byte ${first}`);
}

const SIZES = [[238, 244], [238, 256], [256, 244], [256, 256], [1, 1], [9, 17], [100, 37]];

Deno.test("cropBaselineJpeg() keeps the coefficients of the kept blocks, whatever the layout", async () => {
  const picture = textured(256, 256);
  for (const subsampling of ["444", "422", "420"] as const) {
    for (const gray of [false, true]) {
      for (const jpegQuality of [60, 95]) {
        const jpeg = turbo.encodeSync(picture, { jpegQuality, subsampling, gray });
        for (const [width, height] of SIZES) {
          const label = `${gray ? "gray" : subsampling} q${jpegQuality} ${width}×${height}`;
          await assertSameAsTurbo(jpeg, width, height, label);
        }
      }
    }
  }
});

Deno.test("cropBaselineJpeg() replays a plan only on a JPEG like the one it was made from", async () => {
  const picture = textured(256, 256);
  const options = { subsampling: "420", gray: false } as const;
  const first = turbo.encodeSync(picture, { jpegQuality: 60, ...options });
  const second = turbo.encodeSync(picture, { jpegQuality: 95, ...options });
  const { plan } = cropBaselineJpeg(first, 238, 244)!;
  const other = cropBaselineJpeg(second, 238, 244, plan)!;
  assert.notEqual(other.plan, plan, "another length: planned anew");
  const theirs = turbo.crop(second, 238, 244);
  assertSamePixels((await decode(other.jpeg)).data, (await decode(theirs)).data, "second");
  const smaller = cropBaselineJpeg(first, 100, 37, plan)!;
  assert.notEqual(smaller.plan, plan, "another size: planned anew");
  assert.deepEqual(probeJpeg(smaller.jpeg), { width: 100, height: 37, hasAlpha: false });
  // As long, but other bytes where a run starts: the fingerprint tells.
  const changed = first.slice();
  const runStart = plan.edits[plan.edits.length - 4 + 1] >>> 3;
  changed[runStart] = changed[runStart] === 0x12 ? 0x13 : 0x12;
  assert.equal(replayBaselineCrop(changed, 238, 244, plan), undefined);
  assert.notEqual(cropBaselineJpeg(changed, 238, 244, plan)?.plan, plan);
});

Deno.test("planningCropper() keeps each tile's plan, and a changed tile is cropped right", async () => {
  const cropper = planningCropper(turbo);
  const picture = textured(256, 256);
  const options = { subsampling: "444", gray: false } as const;
  const tile = turbo.encodeSync(picture, { jpegQuality: 80, ...options });
  const edge = { jpeg: tile, width: 100, height: 200, id: "a.tif|0/1/2" };
  const once = cropper.crop(edge)!;
  assert.ok(once.plan, "a new plan, to hand to the main thread");
  const again = cropper.crop(edge)!;
  assert.equal(again.plan, once.plan, "replayed, and the kept plan sent along again");
  assertSamePixels(again.body, once.body, "the same tile again");
  const changed = turbo.encodeSync(picture, { jpegQuality: 90, ...options });
  const cut = cropper.crop({ ...edge, jpeg: changed })!;
  assert.ok(cut.plan && cut.plan !== once.plan, "planned anew");
  const theirs = turbo.crop(changed, 100, 200);
  assertSamePixels((await decode(cut.body)).data, (await decode(theirs)).data, "changed tile");
});

Deno.test("replayingCropper() only replays the plans it is given, never plans itself", () => {
  const plans = cropPlans();
  const replaying = replayingCropper(plans);
  const tile = turbo.encodeSync(textured(256, 256), {
    jpegQuality: 80,
    subsampling: "420",
    gray: false,
  });
  const edge = { jpeg: tile, width: 238, height: 244, id: "a.tif|0/2/1" };
  assert.equal(replaying.tries(edge.id), false);
  const planned = planningCropper(turbo).crop(edge)!;
  plans.set(edge.id, planned.plan!);
  assert.equal(replaying.tries(edge.id), true);
  const replayed = replaying.crop(edge)!;
  assert.equal(replayed.plan, undefined);
  assertSamePixels(replayed.body, planned.body, "replayed on the main thread");
  assert.equal(replaying.crop({ ...edge, jpeg: tile.subarray(0, tile.length - 1) }), undefined);
  assert.equal(replaying.crop({ ...edge, width: 200 }), undefined);
});

Deno.test("cropBaselineJpeg() crops a 4:4:4 picture to exactly the pixels of its corner", async () => {
  const jpeg = turbo.encodeSync(textured(200, 120), {
    jpegQuality: 90,
    subsampling: "444",
    gray: false,
  });
  const whole = await decode(jpeg);
  const part = await decode(cropBaselineJpeg(jpeg, 77, 50)!.jpeg);
  for (let y = 0; y < 50; y++) {
    const row = whole.data.subarray(y * 200 * 4, (y * 200 + 77) * 4);
    assertSamePixels(part.data.subarray(y * 77 * 4, (y + 1) * 77 * 4), row, `row ${y}`);
  }
});

Deno.test("cropBaselineJpeg() keeps the file's own segments and Huffman tables", async () => {
  await withTempDir(async (dir) => {
    const source = `${dir}/picture.png`;
    const optimised = `${dir}/optimised.jpg`;
    const raster = textured(96, 64);
    await Deno.writeFile(`${dir}/picture.raw`, rgbOf(raster));
    await vips("rawload", `${dir}/picture.raw`, `${dir}/picture.v`, "96", "64", "3");
    await vips("copy", `${dir}/picture.v`, source);
    await vips("jpegsave", source, optimised, "--Q", "85", "--optimize-coding");
    const jpeg = await Deno.readFile(optimised);
    await assertSameAsTurbo(jpeg, 50, 40, "optimised tables");
    const cropped = cropBaselineJpeg(jpeg, 50, 40)!.jpeg;
    const scan = sosOffset(jpeg);
    assert.equal(sosOffset(cropped), scan);
    // Everything before the scan is the original's but the frame's height and width.
    const changed = [...cropped.subarray(0, scan)].filter((byte, i) => byte !== jpeg[i]);
    assert.equal(changed.length <= 4, true, `${changed.length} bytes changed`);
    assert.equal(cropped.length < jpeg.length, true);
  });
});

Deno.test("cropBaselineJpeg() leaves to libjpeg what it does not handle", async () => {
  await withTempDir(async (dir) => {
    const raster = textured(64, 48);
    await Deno.writeFile(`${dir}/picture.raw`, rgbOf(raster));
    await vips("rawload", `${dir}/picture.raw`, `${dir}/picture.v`, "64", "48", "3");
    for (
      const [name, ...options] of [["progressive", "--interlace"], [
        "restarts",
        "--restart-interval",
        "2",
      ]]
    ) {
      const path = `${dir}/${name}.jpg`;
      await vips("jpegsave", `${dir}/picture.v`, path, "--Q", "85", ...options);
      const jpeg = await Deno.readFile(path);
      assert.equal(cropBaselineJpeg(jpeg, 40, 30), undefined, name);
      // The edge-tile crop then uses libjpeg-turbo's.
      const cropped = planningCropper(turbo).crop({ jpeg, width: 40, height: 30, id: name })?.body;
      assert.deepEqual(probeJpeg(cropped!), { width: 40, height: 30, hasAlpha: false }, name);
    }
  });
});

Deno.test("cropBaselineJpeg() declines a DC difference its table has no code for", async () => {
  await withTempDir(async (dir) => {
    // Gray blocks 40, 80, 120, 160 in each row: every DC difference of the file is non-zero, so
    // optimised tables have no code for 0, which the crop to the first column needs (40 − 40).
    const data = new Uint8Array(32 * 16);
    for (let i = 0; i < data.length; i++) data[i] = 40 * (1 + Math.floor((i % 32) / 8));
    await Deno.writeFile(`${dir}/steps.raw`, data);
    await vips("rawload", `${dir}/steps.raw`, `${dir}/steps.v`, "32", "16", "1");
    await vips("jpegsave", `${dir}/steps.v`, `${dir}/steps.jpg`, "--Q", "90", "--optimize-coding");
    const jpeg = await Deno.readFile(`${dir}/steps.jpg`);
    assert.equal(cropBaselineJpeg(jpeg, 8, 16), undefined);
    assert.ok(cropBaselineJpeg(jpeg, 16, 8), "the first row needs no new difference");
    const cropped = planningCropper(turbo).crop({ jpeg, width: 8, height: 16, id: "steps" })!.body;
    assert.deepEqual(probeJpeg(cropped), { width: 8, height: 16, hasAlpha: false });
  });
});

Deno.test("cropBaselineJpeg() answers undefined for broken data and impossible sizes", () => {
  const jpeg = turbo.encodeSync(textured(64, 64), {
    jpegQuality: 90,
    subsampling: "444",
    gray: false,
  });
  assert.equal(cropBaselineJpeg(jpeg.subarray(0, jpeg.length / 2), 40, 40), undefined);
  assert.equal(cropBaselineJpeg(jpeg.subarray(0, 100), 40, 40), undefined);
  assert.equal(cropBaselineJpeg(jpeg, 65, 10), undefined);
  assert.equal(cropBaselineJpeg(jpeg, 0, 10), undefined);
  assert.ok(cropBaselineJpeg(jpeg, 64, 64));
});

function sosOffset(jpeg: Uint8Array): number {
  return jpeg.findIndex((byte, i) => byte === 0xff && jpeg[i + 1] === 0xda);
}

function rgbOf(raster: Raster): Uint8Array {
  const rgb = new Uint8Array(raster.width * raster.height * 3);
  for (let i = 0; i < raster.width * raster.height; i++) {
    rgb.set(raster.data.subarray(i * 4, i * 4 + 3), i * 3);
  }
  return rgb;
}

Deno.test("cropBaselineJpeg() never throws or hangs on corrupted files, planned or replayed", () => {
  const jpeg = turbo.encodeSync(textured(64, 48), {
    jpegQuality: 80,
    subsampling: "420",
    gray: false,
  });
  const { plan } = cropBaselineJpeg(jpeg, 40, 30)!;
  let seed = 12345;
  // The high bits: an LCG's low bits repeat with short periods.
  const random = (below: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed >>> 8) % below;
  };
  let cropped = 0;
  for (let round = 0; round < 2000; round++) {
    const broken = jpeg.slice();
    for (let flips = 1 + random(4); flips > 0; flips--) broken[random(broken.length)] = random(256);
    const input = broken.subarray(0, broken.length - random(3));
    // The plan of the unbroken file, as a worker would have kept it.
    for (const known of [undefined, plan]) {
      const result = cropBaselineJpeg(input, 40, 30, known)?.jpeg;
      if (!result) continue;
      cropped++;
      assert.deepEqual([result[0], result[1]], [0xff, 0xd8]);
      assert.deepEqual([...result.subarray(-2)], [0xff, 0xd9]);
    }
  }
  // Most corruptions land in the entropy-coded data, which is only read, so most still crop.
  assert.equal(cropped > 800, true, `${cropped} of 4000 cropped`);
});
