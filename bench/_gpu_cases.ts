/**
 * What the GPU benchmarks time: ten operations, each as the plan steps for a source of a given
 * size, and the photograph-like sources they run on; and the backends they compare. `gpu_bench.ts`,
 * `gpu_phases.ts` and `_gpu_leak_worker.ts` share them, so all three measure the same work.
 *
 * @module
 */
import { GpuBackend, GpuJobError, probeGpuAdapter } from "../src/gpu/mod.ts";
import { BufferPool, CpuBackend, type OpStep, type Raster, type Rect } from "../src/ops/mod.ts";
import { photoLike } from "./photo_like.ts";

const MB = 1024 * 1024;

/** Sides of a benchmark source. */
export interface BenchSize {
  readonly width: number;
  readonly height: number;
}

/** A tile, a large tile and a camera photograph. */
export const BENCH_SIZES: readonly BenchSize[] = [
  { width: 256, height: 256 },
  { width: 1024, height: 1024 },
  { width: 6000, height: 4000 },
];

/** Whether a source of `size` is tile-sized: a worker keeps those resident on the device. */
export function isTile(size: BenchSize): boolean {
  return size.width * size.height <= 1024 * 1024;
}

/** One operation compared between the backends. */
export interface OpCase {
  readonly name: string;
  /** Runs on the source with varied alpha; the others run on the opaque photograph. */
  readonly needsAlpha: boolean;
  /** The plan's steps for a source of `size`. */
  steps(size: BenchSize): OpStep[];
}

/**
 * The largest region enlarged ×2: all of a 6000×4000 photograph would make a 96-megapixel output
 * (384 MB), which no request is allowed and which would only measure memory.
 */
const MAX_ENLARGED: BenchSize = { width: 2000, height: 1500 };

/** The operations, each as a worker would get it from the planner. */
export const OP_CASES: readonly OpCase[] = [
  {
    name: "resize box to 1/4",
    needsAlpha: false,
    steps: (size) => [quarterOf(size)],
  },
  {
    name: `resize lanczos3 ×2 (of at most ${MAX_ENLARGED.width}×${MAX_ENLARGED.height})`,
    needsAlpha: false,
    steps(size) {
      const region = centred(size, {
        width: Math.min(size.width, MAX_ENLARGED.width),
        height: Math.min(size.height, MAX_ENLARGED.height),
      });
      return [{ op: "resize", region, width: region.width * 2, height: region.height * 2 }];
    },
  },
  {
    name: "crop copy of the centre half",
    needsAlpha: false,
    steps(size) {
      const half = { width: Math.round(size.width / 2), height: Math.round(size.height / 2) };
      return [{ op: "resize", region: centred(size, half), ...half }];
    },
  },
  { name: "mirror", needsAlpha: false, steps: () => [{ op: "mirror" }] },
  { name: "rotate90", needsAlpha: false, steps: () => [{ op: "rotate90", quarterTurns: 1 }] },
  {
    name: "rotate 30° white",
    needsAlpha: false,
    steps: () => [{ op: "rotate", degrees: 30, background: "white" }],
  },
  { name: "flatten (alpha)", needsAlpha: true, steps: () => [{ op: "flatten" }] },
  { name: "gray", needsAlpha: false, steps: () => [{ op: "gray" }] },
  { name: "bitonal", needsAlpha: false, steps: () => [{ op: "bitonal", threshold: 128 }] },
  {
    name: "chain resize 1/4+mirror+rotate90+gray",
    needsAlpha: false,
    steps: (size) => [
      quarterOf(size),
      { op: "mirror" },
      { op: "rotate90", quarterTurns: 1 },
      { op: "gray" },
    ],
  },
];

/** The two sources of one size: an opaque photograph and a copy with alpha from 0 to 255. */
export interface BenchSources {
  readonly opaque: Raster;
  readonly translucent: Raster;
}

/**
 * Draws the sources of `size`. The alpha of `translucent` ramps diagonally through every value,
 * so flattening meets transparent, opaque and partly covered pixels alike.
 */
export function benchSources(size: BenchSize): BenchSources {
  const opaque = photoLike(size.width, size.height);
  const data = opaque.data.slice();
  for (let pixel = 0; pixel < size.width * size.height; pixel++) {
    const x = pixel % size.width;
    data[pixel * 4 + 3] = (x + Math.floor(pixel / size.width) * 3) & 255;
  }
  return { opaque, translucent: { width: size.width, height: size.height, data } };
}

/** The source `opCase` runs on. */
export function sourceOf(opCase: OpCase, sources: BenchSources): Raster {
  return opCase.needsAlpha ? sources.translucent : sources.opaque;
}

/**
 * The `sourceKey` of `opCase`'s source of `size`: one key per source, as a worker keys a decoded
 * source for all the tiles cut from it.
 */
export function sourceKeyOf(opCase: OpCase, size: BenchSize): string {
  return `${opCase.needsAlpha ? "translucent" : "opaque"} ${size.width}×${size.height}`;
}

/** The backends compared; `gpu` is undefined when WebGPU has no adapter. */
export interface BenchBackends {
  readonly cpu: CpuBackend;
  readonly gpu?: GpuBackend;
}

/**
 * Both backends on one buffer pool, as in a worker; the pool keeps the photograph's rasters
 * too, so no run pays for fresh memory.
 */
export async function benchBackends(): Promise<BenchBackends> {
  const pool = new BufferPool({ maxIdleBytes: 1024 * MB });
  const cpu = new CpuBackend({ pool });
  if (await probeGpuAdapter() === undefined) return { cpu };
  // The timeout only has to spare a slow software adapter on the largest job.
  const gpu = await GpuBackend.create({ pool, sourceCacheBytes: 64 * MB, timeoutMs: 120_000 });
  return { cpu, gpu };
}

/** The adapter `gpu` runs on, as the reports name it. */
export function adapterName(gpu: GpuBackend): string {
  const { description, isFallbackAdapter } = gpu.adapter;
  return `"${description}"${isFallbackAdapter ? " (software fallback adapter)" : ""}`;
}

/**
 * Whether `error` is the GPU declining a job that the adapter cannot hold (a buffer beyond its
 * limits or memory), which a worker runs on the CPU instead. Any other error is a bug.
 */
export function isDeclined(error: unknown): error is GpuJobError {
  return error instanceof GpuJobError &&
    (error.reason === "too-large" || error.reason === "out-of-memory");
}

/** A box reduction of the whole source to a quarter of its sides. */
function quarterOf(size: BenchSize): OpStep {
  const region = centred(size, size);
  return {
    op: "resize",
    region,
    width: Math.round(size.width / 4),
    height: Math.round(size.height / 4),
  };
}

/** The region of `part`'s sides in the middle of `size`, on whole pixels. */
function centred(size: BenchSize, part: BenchSize): Rect {
  return {
    x: Math.floor((size.width - part.width) / 2),
    y: Math.floor((size.height - part.height) / 2),
    width: part.width,
    height: part.height,
  };
}
