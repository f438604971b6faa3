/**
 * The WebGPU backend against the CPU kernels, per operation and size (`_gpu_cases.ts`): each group
 * has the CPU as baseline, so `deno bench` prints the GPU/CPU ratio. Both backends share one warm
 * buffer pool, as in a worker. The `upload` case passes no `sourceKey`, so every run uploads its
 * source; for tile-sized sources a `resident` case passes one, so after its first run nothing is
 * uploaded, which is what a worker does for the tiles of a source it has already decoded.
 *
 * Without a WebGPU adapter the GPU cases are registered as ignored, after a warning.
 *
 * Run: `deno task bench` (all benchmarks) or `deno bench -A bench/gpu_bench.ts`.
 *
 * @module
 */
import type { ImageBackend, OpStep, Raster, RunOptions } from "../src/ops/mod.ts";
import {
  adapterName,
  BENCH_SIZES,
  benchBackends,
  type BenchSize,
  type BenchSources,
  benchSources,
  isDeclined,
  isTile,
  OP_CASES,
  type OpCase,
  sourceKeyOf,
  sourceOf,
} from "./_gpu_cases.ts";

/** Few iterations for the photograph: one GPU run on llvmpipe takes up to two seconds. */
const PHOTO_ITERATIONS = { n: 3, warmup: 1 };

const { cpu, gpu } = await benchBackends();
if (gpu === undefined) {
  console.warn(
    "\n!!! gpu_bench: WebGPU found NO ADAPTER. Every GPU benchmark below is IGNORED and only\n" +
      "!!! the CPU baselines run. Install a GPU driver or Mesa (llvmpipe) to measure the GPU.\n",
  );
} else {
  console.log(`gpu_bench: GPU cases run on ${adapterName(gpu)}`);
}

async function runOnce(
  backend: ImageBackend,
  source: Raster,
  steps: readonly OpStep[],
  options?: RunOptions,
): Promise<void> {
  backend.release(await backend.run(source, steps, options));
}

/**
 * Whether the GPU declines the job (see `isDeclined`), said loudly; other errors are thrown. The
 * run also warms the pipelines and buffer pools.
 */
async function gpuDeclines(group: string, source: Raster, steps: readonly OpStep[]) {
  try {
    await runOnce(gpu!, source, steps);
    return false;
  } catch (error) {
    if (!isDeclined(error)) throw error;
    console.warn(`!!! gpu_bench: GPU IGNORED for "${group}" (${error.reason}): ${error.message}`);
    return true;
  }
}

/** Registers the CPU baseline and the GPU cases of one operation on one source. */
async function registerGroup(size: BenchSize, opCase: OpCase, sources: BenchSources) {
  const source = sourceOf(opCase, sources);
  const steps = opCase.steps(size);
  const group = `${opCase.name}, ${size.width}×${size.height}`;
  const iterations = isTile(size) ? {} : PHOTO_ITERATIONS;
  Deno.bench(`cpu: ${group}`, { group, baseline: true, ...iterations }, async () => {
    await runOnce(cpu, source, steps);
  });
  const ignore = gpu === undefined || await gpuDeclines(group, source, steps);
  Deno.bench(`gpu, upload: ${group}`, { group, ignore, ...iterations }, async () => {
    await runOnce(gpu!, source, steps);
  });
  if (!isTile(size)) return;
  const sourceKey = sourceKeyOf(opCase, size);
  Deno.bench(`gpu, resident: ${group}`, { group, ignore }, async () => {
    await runOnce(gpu!, source, steps, { sourceKey });
  });
}

for (const size of BENCH_SIZES) {
  const sources = benchSources(size);
  for (const opCase of OP_CASES) await registerGroup(size, opCase, sources);
}

globalThis.addEventListener("unload", () => gpu?.destroy());
