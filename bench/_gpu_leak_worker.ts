/// <reference lib="deno.worker" />
/**
 * The worker of `gpu_phases.ts`'s leak check: one {@linkcode GpuBackend} runs a long mix of jobs,
 * as a GPU worker serves tiles for hours, and reports the process's resident memory along the way.
 * Every operation on 256² to 1024² tiles; one job in three has a `sourceKey`, among more keys
 * than the small resident cache holds, so resident sources are evicted and their buffers pooled
 * again.
 *
 * @module
 */
import { GpuBackend } from "../src/gpu/mod.ts";
import { BufferPool, type OpStep, type Raster, type RunOptions } from "../src/ops/mod.ts";
import { benchSources, OP_CASES, sourceKeyOf, sourceOf } from "./_gpu_cases.ts";

/** What the leak check asks: run `jobs` jobs, the first `warmupJobs` of them unmeasured. */
export interface LeakCheckRequest {
  readonly type: "start";
  readonly jobs: number;
  readonly warmupJobs: number;
}

/** What the worker reports: memory after the warm-up, every `REPORT_EVERY` jobs and at the end. */
export type LeakCheckReport =
  | {
    readonly type: "rss";
    readonly jobsDone: number;
    readonly rssBytes: number;
    readonly gpu: ReturnType<GpuBackend["stats"]>;
    readonly last: boolean;
  }
  | { readonly type: "failed"; readonly message: string };

/** Tile sides, repeated to weight the mix towards small tiles. */
const TILE_SIDES = [256, 512, 256, 1024, 256, 512, 1024];
const REPORT_EVERY = 500;
/** Holds a few 1024² sources, fewer than the job mix keys, so that some are evicted. */
const SOURCE_CACHE_BYTES = 16 * 1024 * 1024;
const KEYS_PER_SOURCE = 5;

const tileSources = new Map(
  [...new Set(TILE_SIDES)].map((side) => {
    const size = { width: side, height: side };
    return [side, { size, ...benchSources(size) }];
  }),
);

/**
 * Every operation on every tile of the mix, 70 kinds of job in all: the warm-up runs each once,
 * so that growth measured after it is not the pools meeting a new buffer size for the first time.
 */
const JOB_KINDS = TILE_SIDES.map((side) => tileSources.get(side)!).flatMap((sources) =>
  OP_CASES.map((opCase) => ({
    source: sourceOf(opCase, sources),
    steps: opCase.steps(sources.size),
    sourceKey: sourceKeyOf(opCase, sources.size),
  }))
);

/** The source, steps and run options of job number `index`. */
function jobOf(index: number): { source: Raster; steps: OpStep[]; options: RunOptions } {
  const { source, steps, sourceKey } = JOB_KINDS[index % JOB_KINDS.length];
  const options = index % 3 === 0 ? { sourceKey: `${sourceKey} #${index % KEYS_PER_SOURCE}` } : {};
  return { source, steps, options };
}

async function runJobs(request: LeakCheckRequest): Promise<void> {
  const gpu = await GpuBackend.create({
    pool: new BufferPool(),
    sourceCacheBytes: SOURCE_CACHE_BYTES,
    timeoutMs: 60_000,
  });
  try {
    for (let index = 0; index < request.jobs; index++) {
      const { source, steps, options } = jobOf(index);
      gpu.release(await gpu.run(source, steps, options));
      const done = index + 1;
      if (done === request.warmupJobs || done % REPORT_EVERY === 0 || done === request.jobs) {
        report(gpu, done, done === request.jobs);
      }
    }
  } finally {
    gpu.destroy();
  }
}

function report(gpu: GpuBackend, jobsDone: number, last: boolean): void {
  const message: LeakCheckReport = {
    type: "rss",
    jobsDone,
    rssBytes: Deno.memoryUsage().rss,
    gpu: gpu.stats(),
    last,
  };
  self.postMessage(message);
}

self.onmessage = (event: MessageEvent<LeakCheckRequest>) => {
  runJobs(event.data).catch((error) => {
    const message: LeakCheckReport = { type: "failed", message: String(error?.stack ?? error) };
    self.postMessage(message);
  });
};
