/**
 * The WebGPU kernels against the CPU kernels on the same inputs: identical bytes for every step
 * that moves or recolours whole pixels, PSNR ≥ 45 dB where float rounding may differ (resampling
 * and arbitrary rotation).
 *
 * @module
 */
import assert from "node:assert/strict";
import { CpuBackend, type OpStep, type Raster } from "../../src/ops/mod.ts";
import { copyOf, gpuTest, photoRaster, sharedGpu } from "./_gpu_fixture.ts";
import { psnr } from "./_psnr.ts";

const gpu = sharedGpu();
const cpu = new CpuBackend();

const SIZES: readonly [number, number][] = [[1, 1], [7, 5], [64, 48], [257, 193], [640, 480]];
const MIN_PSNR_DB = 45;

/** A plan for a source of `size`, and whether both backends must agree byte for byte. */
interface MatchCase {
  readonly name: string;
  readonly exact: boolean;
  readonly steps: (source: Raster) => OpStep[];
}

/** The part of `source` from (fx, fy) of size (fw, fh), in fractions, kept inside it. */
function region(source: Raster, fx: number, fy: number, fw: number, fh: number, whole = false) {
  const round = (v: number) => whole ? Math.round(v) : v;
  const axis = (length: number, f: number, fLength: number) => {
    const start = Math.min(round(length * f), length - (whole ? 1 : 0.25));
    return [start, Math.min(length - start, Math.max(whole ? 1 : 0.25, round(length * fLength)))];
  };
  const [x, width] = axis(source.width, fx, fw);
  const [y, height] = axis(source.height, fy, fh);
  return { x, y, width, height };
}

function resize(source: Raster, fw: number, fh: number, at = region(source, 0, 0, 1, 1)): OpStep {
  const width = Math.max(1, Math.round(source.width * fw));
  const height = Math.max(1, Math.round(source.height * fh));
  return { op: "resize", region: at, width, height };
}

function crop(source: Raster, fx: number, fy: number): OpStep {
  const at = region(source, fx, fy, 0.5, 0.5, true);
  return { op: "resize", region: at, width: at.width, height: at.height };
}

/** A 37×23 mark whose alpha runs through every level, so each weight of the blend occurs. */
function markRaster(): Raster {
  const mark = photoRaster(37, 23);
  for (let i = 3; i < mark.data.length; i += 4) mark.data[i] = (i * 7) % 256;
  return mark;
}

const WATERMARKS: ReadonlyMap<string, Raster> = new Map([["mark", markRaster()]]);

function watermark(opacity: number, x: number, y: number): OpStep {
  return { op: "watermark", image: "mark", opacity, x, y };
}

const EXACT: MatchCase[] = [
  { name: "copy", exact: true, steps: () => [] },
  { name: "crop top left", exact: true, steps: (s) => [crop(s, 0, 0)] },
  { name: "crop bottom right", exact: true, steps: (s) => [crop(s, 0.5, 0.5)] },
  { name: "crop middle", exact: true, steps: (s) => [crop(s, 0.3, 0.2)] },
  { name: "mirror", exact: true, steps: () => [{ op: "mirror" }] },
  ...([1, 2, 3] as const).map((quarterTurns) => ({
    name: `rotate90 ×${quarterTurns}`,
    exact: true,
    steps: (): OpStep[] => [{ op: "rotate90", quarterTurns }],
  })),
  { name: "flatten", exact: true, steps: () => [{ op: "flatten" }] },
  { name: "gray", exact: true, steps: () => [{ op: "gray" }] },
  ...[0, 1, 127.5, 128, 255, 256].map((threshold) => ({
    name: `bitonal ${threshold}`,
    exact: true,
    steps: (): OpStep[] => [{ op: "bitonal", threshold }],
  })),
  ...[[200, 5, 11], [255, 4000, 3999], [1, -3, 0]].map(([opacity, x, y]) => ({
    name: `watermark ${opacity} at ${x},${y}`,
    exact: true,
    steps: (): OpStep[] => [watermark(opacity, x, y)],
  })),
  {
    name: "crop, watermark, mirror, turn, flatten, gray",
    exact: true,
    steps: (s) => [
      crop(s, 0.3, 0.2),
      watermark(90, 512, 256),
      { op: "mirror" },
      { op: "rotate90", quarterTurns: 1 },
      { op: "flatten" },
      { op: "gray" },
    ],
  },
  {
    name: "crop, mirror, turn, flatten, bitonal",
    exact: true,
    steps: (s) => [
      crop(s, 0.25, 0.1),
      { op: "mirror" },
      { op: "rotate90", quarterTurns: 3 },
      { op: "flatten" },
      { op: "bitonal", threshold: 100 },
    ],
  },
];

const RESAMPLED: MatchCase[] = [
  { name: "halve", exact: false, steps: (s) => [resize(s, 0.5, 0.5)] },
  { name: "reduce by 7.3", exact: false, steps: (s) => [resize(s, 1 / 7.3, 1 / 7.3)] },
  { name: "enlarge ×2.5", exact: false, steps: (s) => [resize(s, 2.5, 2.5)] },
  { name: "stretch one axis", exact: false, steps: (s) => [resize(s, 1.7, 0.4)] },
  {
    name: "fractional region reduced",
    exact: false,
    steps: (s) => [resize(s, 0.3, 0.3, region(s, 0.13, 0.27, 0.61, 0.55))],
  },
  {
    name: "fractional region same size",
    exact: false,
    steps: (s) => [resize(s, 0.5, 0.5, region(s, 0.101, 0.203, 0.5, 0.5))],
  },
  ...[1, 12.5, 30, 45, 90.5, 137.5, 200, -17].map((degrees) => ({
    name: `rotate ${degrees}°`,
    exact: false,
    steps: (): OpStep[] => [{ op: "rotate", degrees, background: "transparent" }],
  })),
  {
    name: "rotate 30° on white",
    exact: false,
    steps: () => [{ op: "rotate", degrees: 30, background: "white" }],
  },
  {
    name: "resize, watermark, rotate",
    exact: false,
    steps: (s) => [resize(s, 0.45, 0.6), watermark(128, 17, 3), {
      op: "rotate",
      degrees: 30,
      background: "transparent",
    }],
  },
  {
    name: "resize, mirror, rotate, flatten, gray",
    exact: false,
    steps: (s) => [
      resize(s, 0.6, 0.45, region(s, 0.05, 0.1, 0.8, 0.7)),
      { op: "mirror" },
      { op: "rotate", degrees: 22.5, background: "white" },
      { op: "flatten" },
      { op: "gray" },
    ],
  },
];

async function runBoth(source: Raster, steps: OpStep[]): Promise<[Raster, Raster]> {
  const backend = await gpu();
  const fromGpu = await backend.run(source, steps, { watermarks: WATERMARKS });
  const fromCpu = await cpu.run(source, steps, { watermarks: WATERMARKS });
  const results: [Raster, Raster] = [copyOf(fromGpu), copyOf(fromCpu)];
  backend.release(fromGpu);
  cpu.release(fromCpu);
  return results;
}

for (const [title, cases] of [["exactly", EXACT], [`to ${MIN_PSNR_DB} dB`, RESAMPLED]] as const) {
  gpuTest(`GPU output matches the CPU ${title} over sizes, regions and angles`, async () => {
    for (const [width, height] of SIZES) {
      const source = photoRaster(width, height);
      for (const match of cases) {
        const steps = match.steps(source);
        const [fromGpu, fromCpu] = await runBoth(source, steps);
        const label = `${match.name} on ${width}x${height}`;
        assert.deepEqual([fromGpu.width, fromGpu.height], [fromCpu.width, fromCpu.height], label);
        if (match.exact) assert.ok(fromGpu.data.every((v, i) => v === fromCpu.data[i]), label);
        else {
          const db = psnr(fromCpu, fromGpu);
          assert.ok(db >= MIN_PSNR_DB, `${label}: ${db.toFixed(1)} dB`);
        }
      }
    }
  });
}
