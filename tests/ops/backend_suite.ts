/**
 * The one behaviour suite every {@linkcode ImageBackend} must pass (the CPU kernels now, the
 * WebGPU backend later). It uses only the interface, and every expected pixel is written out or
 * computed here from the definitions, never by the code under test.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { ImageBackend, OpStep, Raster, RunOptions } from "../../src/ops/mod.ts";

/** One pixel as `[r, g, b, a]`. */
type Rgba = readonly [number, number, number, number];

const RED: Rgba = [200, 30, 40, 255];
const GREEN: Rgba = [20, 180, 60, 255];
const BLUE: Rgba = [30, 50, 220, 255];
const YELLOW: Rgba = [230, 210, 20, 255];
const MARKER: Rgba = [255, 255, 255, 255];
const TRANSPARENT: Rgba = [0, 0, 0, 0];
const WHITE: Rgba = [255, 255, 255, 255];
const PURE_RED: Rgba = [255, 0, 0, 255];

function makeRaster(width: number, height: number, pixel: (x: number, y: number) => Rgba): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  }
  return { width, height, data };
}

function solid(width: number, height: number, colour: Rgba): Raster {
  return makeRaster(width, height, () => colour);
}

/** `width`×`height` with red, green, blue and yellow quadrants (TL, TR, BL, BR). */
function quadrants(width: number, height: number): Raster {
  return makeRaster(width, height, (x, y) => {
    const right = x >= width / 2;
    if (y < height / 2) return right ? GREEN : RED;
    return right ? YELLOW : BLUE;
  });
}

/** A gray ramp in one row: pixel i has level `levels[i]`. */
function grayRow(levels: readonly number[]): Raster {
  return makeRaster(levels.length, 1, (x) => [levels[x], levels[x], levels[x], 255]);
}

function pixelAt(raster: Raster, x: number, y: number): Rgba {
  const i = (y * raster.width + x) * 4;
  const d = raster.data;
  return [d[i], d[i + 1], d[i + 2], d[i + 3]];
}

/** All pixels, row-major. */
function pixelsOf(raster: Raster): Rgba[] {
  const pixels: Rgba[] = [];
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) pixels.push(pixelAt(raster, x, y));
  }
  return pixels;
}

function fullRegion(raster: Raster) {
  return { x: 0, y: 0, width: raster.width, height: raster.height };
}

function resizeTo(raster: Raster, width: number, height: number): OpStep {
  return { op: "resize", region: fullRegion(raster), width, height };
}

/**
 * Registers the suite's tests, each named `ImageBackend.run() (<name>) …`, with `register`
 * (`Deno.test` unless the backend needs its own rules, as the GPU's `gpuTest`). The backend is
 * created once, on first use, and shared by the tests.
 */
export function runBackendSuite(
  name: string,
  createBackend: () => Promise<ImageBackend> | ImageBackend,
  register: (title: string, fn: () => Promise<void>) => void = Deno.test,
): void {
  let created: Promise<ImageBackend> | undefined;
  function backend(): Promise<ImageBackend> {
    created ??= Promise.resolve(createBackend());
    return created;
  }

  /** Runs `steps`, copies the result out and releases it, as a worker would after encoding. */
  async function run(
    source: Raster,
    steps: readonly OpStep[],
    options: RunOptions = {},
  ): Promise<Raster> {
    const b = await backend();
    const output = await b.run(source, steps, options);
    const { width, height } = output;
    const copy = { width, height, data: output.data.slice(0, width * height * 4) };
    b.release(output);
    return copy;
  }

  function test(title: string, body: () => Promise<void>): void {
    register(`ImageBackend.run() (${name}) ${title}`, body);
  }

  test("returns a copy for an empty plan, released without harming the source", async () => {
    const b = await backend();
    const source = quadrants(6, 4);
    const before = source.data.slice();
    const output = await b.run(source, []);
    assert.notEqual(output.data.buffer, source.data.buffer);
    assert.deepEqual(pixelsOf(output), pixelsOf(source));
    b.release(output);
    await run(solid(6, 4, WHITE), [{ op: "gray" }]);
    assert.deepEqual(source.data, before);
  });

  const [a, b, c, d, e, f] = labels(6);

  test("mirrors a 3×2 raster exactly", async () => {
    const output = await run(labelled(3, 2), [{ op: "mirror" }]);
    assert.equal(output.width, 3);
    assert.equal(output.height, 2);
    assert.deepEqual(pixelsOf(output), [c, b, a, f, e, d]);
  });

  const quarterTurns: [1 | 2 | 3, number, number, Rgba[]][] = [
    [1, 2, 3, [d, a, e, b, f, c]],
    [2, 3, 2, [f, e, d, c, b, a]],
    [3, 2, 3, [c, f, b, e, a, d]],
  ];
  for (const [turns, width, height, expected] of quarterTurns) {
    test(`turns a 3×2 raster clockwise by ${turns} quarter turn(s) exactly`, async () => {
      const output = await run(labelled(3, 2), [{ op: "rotate90", quarterTurns: turns }]);
      assert.deepEqual([output.width, output.height], [width, height]);
      assert.deepEqual(pixelsOf(output), expected);
    });
  }

  test("moves quadrants and a marker pixel to the right places", async () => {
    const source = quadrants(8, 6);
    source.data.set(MARKER, (1 * 8 + 1) * 4);
    const mirrored = await run(source, [{ op: "mirror" }]);
    assert.deepEqual(
      [pixelAt(mirrored, 6, 1), pixelAt(mirrored, 1, 1), pixelAt(mirrored, 6, 5)],
      [MARKER, GREEN, BLUE],
    );
    const turned = await run(source, [{ op: "rotate90", quarterTurns: 1 }]);
    assert.deepEqual([turned.width, turned.height], [6, 8]);
    // Clockwise: the top-left quadrant goes to the top right, the marker (1, 1) to (4, 1).
    assert.deepEqual(
      [pixelAt(turned, 4, 1), pixelAt(turned, 5, 0), pixelAt(turned, 0, 0), pixelAt(turned, 0, 7)],
      [MARKER, RED, BLUE, YELLOW],
    );
  });

  test("keeps uniform colours exact when reducing and enlarging", async () => {
    for (const colour of [[12, 34, 56, 255], [100, 150, 200, 128]] as const) {
      const source = solid(7, 5, colour);
      const sizes: OpStep[] = [
        resizeTo(source, 3, 2),
        resizeTo(source, 20, 13),
        resizeTo(source, 7, 2),
        {
          op: "resize",
          region: { x: 0.25, y: 1.5, width: 5.5, height: 2.75 },
          width: 9,
          height: 2,
        },
      ];
      for (const step of sizes) {
        const output = await run(source, [step]);
        assert.ok(pixelsOf(output).every((p) => p.join() === colour.join()), JSON.stringify(step));
      }
    }
  });

  test("box-averages a checkerboard halved to its exact mean", async () => {
    const source = makeRaster(
      4,
      4,
      (x, y) => (x + y) % 2 === 0 ? [10, 20, 30, 255] : [50, 60, 70, 255],
    );
    const output = await run(source, [resizeTo(source, 2, 2)]);
    assert.deepEqual(pixelsOf(output), Array(4).fill([30, 40, 50, 255]));
  });

  test("box-averages three pixels into two by exact coverage", async () => {
    const output = await run(grayRow([0, 90, 180]), [resizeTo(grayRow([0, 90, 180]), 2, 1)]);
    // Pixel 0 covers [0, 1.5): (0 + 0.5 × 90) / 1.5; pixel 1 covers [1.5, 3).
    assert.deepEqual(pixelsOf(output), [[30, 30, 30, 255], [150, 150, 150, 255]]);
  });

  test("box-averages a fractional region", async () => {
    const source = grayRow([0, 60, 120, 180]);
    const region = { x: 0.5, y: 0, width: 3, height: 1 };
    const output = await run(source, [{ op: "resize", region, width: 1, height: 1 }]);
    // (0.5 × 0 + 60 + 120 + 0.5 × 180) / 3 = 90
    assert.deepEqual(pixelsOf(output), [[90, 90, 90, 255]]);
  });

  test("crops a whole-pixel region of the same size exactly", async () => {
    const source = labelled(4, 3);
    const region = { x: 1, y: 1, width: 2, height: 2 };
    const output = await run(source, [{ op: "resize", region, width: 2, height: 2 }]);
    const expected = [pixelAt(source, 1, 1), pixelAt(source, 2, 1), pixelAt(source, 1, 2)];
    assert.deepEqual(pixelsOf(output).slice(0, 3), expected);
    assert.deepEqual(pixelAt(output, 1, 1), pixelAt(source, 2, 2));
  });

  test("keeps quadrant colours exact away from the seams when enlarging", async () => {
    const source = quadrants(16, 16);
    const output = await run(source, [resizeTo(source, 32, 32)]);
    // Output pixel 3 centres on source 1.25, 28 on 13.75: all six Lanczos taps in one quadrant.
    assert.deepEqual(
      [
        pixelAt(output, 3, 3),
        pixelAt(output, 28, 3),
        pixelAt(output, 3, 28),
        pixelAt(output, 28, 28),
      ],
      [RED, GREEN, BLUE, YELLOW],
    );
  });

  test("lends no colour from fully transparent pixels", async () => {
    const source = makeRaster(8, 4, (x) => x < 4 ? PURE_RED : TRANSPARENT);
    for (const [width, height] of [[3, 2], [20, 6], [8, 4]]) {
      const region = { x: 0.5, y: 0, width: 7, height: 4 };
      const steps = [resizeTo(source, width, height), { op: "resize", region, width, height }];
      for (const step of steps as OpStep[]) {
        const output = await run(source, [step]);
        const visible = pixelsOf(output).filter((p) => p[3] > 0);
        assert.ok(visible.length > 0);
        assert.ok(visible.every((p) => p.slice(0, 3).join() === "255,0,0"), JSON.stringify(step));
      }
    }
  });

  test("rotates by 45° into the bounding box with transparent corners", async () => {
    const output = await run(solid(10, 10, PURE_RED), [
      { op: "rotate", degrees: 45, background: "transparent" },
    ]);
    const side = Math.round(20 * Math.SQRT1_2);
    assert.deepEqual([output.width, output.height], [side, side]);
    assert.deepEqual(pixelAt(output, 0, 0), TRANSPARENT);
    assert.deepEqual(pixelAt(output, side - 1, side - 1), TRANSPARENT);
    assert.deepEqual(pixelAt(output, side >> 1, side >> 1), PURE_RED);
    const pixels = pixelsOf(output);
    assert.ok(pixels.some((p) => p[3] > 0 && p[3] < 255), "edges are antialiased");
    assert.ok(pixels.every((p) => p[3] === 0 || p.slice(0, 3).join() === "255,0,0"));
  });

  test("rotates by 45° with white corners", async () => {
    const output = await run(solid(10, 10, PURE_RED), [
      { op: "rotate", degrees: 45, background: "white" },
    ]);
    assert.deepEqual(pixelAt(output, 0, 0), WHITE);
    assert.deepEqual(pixelAt(output, 7, 7), PURE_RED);
    const pixels = pixelsOf(output);
    assert.ok(pixels.every((p) => p[0] === 255 && p[3] === 255 && p[1] === p[2]));
    assert.ok(pixels.some((p) => p[1] > 0 && p[1] < 255), "edges blend into white");
  });

  test("rotates by 30° clockwise", async () => {
    const output = await run(quadrants(20, 20), [
      { op: "rotate", degrees: 30, background: "transparent" },
    ]);
    // round(20 cos 30° + 20 sin 30°) = round(27.32)
    assert.deepEqual([output.width, output.height], [27, 27]);
    // Source (4.27, 4.44) lands on (11, 6) and (14.56, 4.27) on (20, 11) when turning clockwise.
    assert.deepEqual([pixelAt(output, 11, 6), pixelAt(output, 20, 11)], [RED, GREEN]);
  });

  test("flattens onto white exactly, rounding half up", async () => {
    const source = makeRaster(5, 1, (x) => FLATTEN_CASES[x][0]);
    const output = await run(source, [{ op: "flatten" }]);
    assert.deepEqual(pixelsOf(output), FLATTEN_CASES.map(([, flat]) => flat));
  });

  test("flattens the zeroed transparent half of a resized image to white", async () => {
    const hiddenGreen: Rgba = [0, 255, 0, 0];
    const source = makeRaster(8, 2, (x) => x < 4 ? PURE_RED : hiddenGreen);
    const output = await run(source, [resizeTo(source, 4, 1), { op: "flatten" }]);
    assert.deepEqual(pixelsOf(output), [PURE_RED, PURE_RED, WHITE, WHITE]);
  });

  test("writes Rec. 709 gray exactly, keeping alpha", async () => {
    const source = makeRaster(4, 1, (x) => GRAY_CASES[x][0]);
    const output = await run(source, [{ op: "gray" }]);
    assert.deepEqual(pixelsOf(output), GRAY_CASES.map(([colour, y]) => [y, y, y, colour[3]]));
  });

  for (const threshold of [0, 143, 144, 256]) {
    test(`thresholds bitonal at ${threshold}, keeping alpha`, async () => {
      const source = makeRaster(4, 1, (x) => GRAY_CASES[x][0]);
      const output = await run(source, [{ op: "bitonal", threshold }]);
      const expected = GRAY_CASES.map(([colour, y]) => {
        const v = y >= threshold ? 255 : 0;
        return [v, v, v, colour[3]];
      });
      assert.deepEqual(pixelsOf(output), expected);
    });
  }

  test("runs a chain of steps in order", async () => {
    const source = quadrants(8, 4);
    const output = await run(source, [
      resizeTo(source, 4, 2),
      { op: "mirror" },
      { op: "rotate90", quarterTurns: 1 },
      { op: "gray" },
    ]);
    // Halved: R G / B Y; mirrored: G R / Y B; turned clockwise (2×4): Y G, Y G, B R, B R.
    const [r, g, bl, y] = [67, 137, 58, 201].map((v) => [v, v, v, 255]);
    assert.deepEqual(pixelsOf(output), [y, g, y, g, bl, r, bl, r]);
  });

  test("never modifies the source", async () => {
    const source = quadrants(9, 7);
    source.data.set([10, 20, 30, 0], 0);
    const before = source.data.slice();
    const steps: OpStep[] = [
      resizeTo(source, 4, 3),
      resizeTo(source, 20, 15),
      { op: "resize", region: { x: 1, y: 1, width: 5, height: 5 }, width: 5, height: 5 },
      { op: "mirror" },
      { op: "rotate90", quarterTurns: 1 },
      { op: "rotate90", quarterTurns: 2 },
      { op: "rotate", degrees: 12.5, background: "white" },
      { op: "flatten" },
      { op: "gray" },
      { op: "bitonal", threshold: 128 },
    ];
    for (const step of steps) await run(source, [step]);
    await run(source, steps.slice(2));
    assert.deepEqual(source.data, before);
  });

  test("handles 1×1 rasters", async () => {
    const colour: Rgba = [9, 99, 199, 255];
    const dot = solid(1, 1, colour);
    const steps: [OpStep, number, number][] = [
      [resizeTo(dot, 3, 2), 3, 2],
      [{ op: "mirror" }, 1, 1],
      [{ op: "rotate90", quarterTurns: 3 }, 1, 1],
      [{ op: "rotate", degrees: 45, background: "white" }, 1, 1],
      [{ op: "flatten" }, 1, 1],
      [{ op: "gray" }, 1, 1],
    ];
    for (const [step, width, height] of steps) {
      const output = await run(dot, [step]);
      assert.deepEqual([output.width, output.height], [width, height]);
      if (step.op !== "gray") assert.ok(pixelsOf(output).every((p) => p.join() === colour.join()));
    }
  });

  test("handles 1×N rasters", async () => {
    const column = makeRaster(1, 5, (_, y) => [50 * y, 50 * y, 50 * y, 255]);
    const levels = (r: Raster) => pixelsOf(r).map((p) => p[0]);
    assert.deepEqual(levels(await run(column, [{ op: "mirror" }])), [0, 50, 100, 150, 200]);
    const turned = await run(column, [{ op: "rotate90", quarterTurns: 1 }]);
    assert.deepEqual([turned.width, turned.height], [5, 1]);
    assert.deepEqual(levels(turned), [200, 150, 100, 50, 0]);
    // Pixel 0 covers [0, 2.5): (0 + 50 + 0.5 × 100) / 2.5; pixel 1 covers [2.5, 5).
    assert.deepEqual(levels(await run(column, [resizeTo(column, 1, 2)])), [40, 160]);
  });

  test("reads only the first width×height×4 bytes of a longer buffer", async () => {
    const source = labelled(3, 2);
    const data = new Uint8Array(64).fill(77);
    data.set(source.data);
    const padded = { width: 3, height: 2, data };
    assert.deepEqual(pixelsOf(await run(padded, [{ op: "mirror" }])), [c, b, a, f, e, d]);
    assert.deepEqual(pixelsOf(await run(padded, [])), pixelsOf(source));
  });

  test("blends a repeated watermark exactly, keeping alpha", async () => {
    const hidden: Rgba = [10, 20, 30, 0];
    const source = makeRaster(3, 2, (x, y) => y === 0 ? RED : x === 1 ? hidden : GREEN);
    for (const [x, y] of [[1, 0], [-1, 5], [7, -3]]) {
      const step: OpStep = { op: "watermark", image: "mark", opacity: 128, x, y };
      const output = await run(source, [step], { watermarks: MARKS });
      // Pixel i meets mark pixel (i + x) mod 2: the half-black one (w = 64), the white (w = 128).
      assert.deepEqual(pixelsOf(output), [
        [150, 22, 30, 255], // (200·191 + 127) / 255 = 150.30, (30·191 + 127) / 255 = 22.97, …
        [228, 143, 148, 255], // (200·127 + 255·128 + 127) / 255 = 228.11, …
        [150, 22, 30, 255],
        [15, 135, 45, 255],
        [133, 138, 143, 0], // alpha kept: the colour changes unseen
        [15, 135, 45, 255],
      ], `at ${x},${y}`);
    }
  });

  test("leaves pixels under a watermark of opacity 0 unchanged and covers them at 255", async () => {
    const source = quadrants(4, 4);
    const clear = await run(source, [{ op: "watermark", image: "mark", opacity: 0, x: 0, y: 0 }], {
      watermarks: MARKS,
    });
    assert.deepEqual(pixelsOf(clear), pixelsOf(source));
    const full = await run(source, [{ op: "watermark", image: "mark", opacity: 255, x: 0, y: 0 }], {
      watermarks: MARKS,
    });
    assert.deepEqual(pixelsOf(full).filter((_, i) => i % 2 === 0), Array(8).fill(WHITE));
  });

  test("rejects a watermark it was not given, or a bad opacity, with RangeError", async () => {
    const b = await backend();
    const source = solid(4, 4, WHITE);
    const step = { op: "watermark", image: "mark", opacity: 100, x: 0, y: 0 } as const;
    await assert.rejects(b.run(source, [step]), {
      name: "RangeError",
      message: 'Cannot apply watermark "mark": the run has no such image',
    });
    for (const opacity of [256, -1, 0.5]) {
      await assert.rejects(
        b.run(source, [{ ...step, opacity }], { watermarks: MARKS }),
        RangeError,
      );
    }
  });

  test("rejects a resize region outside the source with RangeError", async () => {
    const b = await backend();
    const source = solid(4, 4, WHITE);
    const region = { x: 2, y: 0, width: 3, height: 4 };
    await assert.rejects(
      b.run(source, [{ op: "resize", region, width: 2, height: 2 }]),
      RangeError,
    );
  });
}

/** A 2×1 mark: opaque white, then black at alpha 128. */
const MARKS: ReadonlyMap<string, Raster> = new Map([
  ["mark", makeRaster(2, 1, (x) => x === 0 ? WHITE : [0, 0, 0, 128])],
]);

/** Colours with the result of `flatten`: round(c·a/255 + 255·(255 − a)/255), alpha 255. */
const FLATTEN_CASES: readonly (readonly [Rgba, Rgba])[] = [
  [RED, RED], // opaque: unchanged
  [[10, 20, 30, 0], WHITE], // transparent: the hidden colour is dropped
  [[255, 0, 0, 128], [255, 127, 127, 255]], // 50% red: 255.498, 127.498
  [[100, 150, 200, 100], [194, 214, 233, 255]], // 194.216, 213.824, 233.431
  [[128, 127, 0, 1], [255, 254, 254, 255]], // 254.502, 254.498, 254
];

/** Colours with their Rec. 709 luma, rounded: 0.2126 R + 0.7152 G + 0.0722 B. */
const GRAY_CASES: readonly (readonly [Rgba, number])[] = [
  [[255, 0, 0, 255], 54], // 54.213
  [[0, 255, 0, 200], 182], // 182.376
  [[0, 0, 255, 100], 18], // 18.411
  [[100, 150, 200, 0], 143], // 142.98
];

/** `count` distinct opaque pixels. */
function labels(count: number): Rgba[] {
  return Array.from({ length: count }, (_, i) => [10 + i, 100 + 10 * i, 250 - i, 255] as const);
}

/** A raster whose pixels are `labels(width * height)` in row-major order. */
function labelled(width: number, height: number): Raster {
  const pixels = labels(width * height);
  return makeRaster(width, height, (x, y) => pixels[y * width + x]);
}
