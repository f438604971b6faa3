/**
 * Whether the WebGPU backend leaks, then where its time goes. Prints two Markdown sections:
 *
 * 1. The leak check: one Web Worker (`_gpu_leak_worker.ts`) runs `LEAK_JOBS` GPU jobs; the growth
 *    of the process's RSS from the end of the warm-up to the end must stay under
 *    `LEAK_LIMIT_MB`. The worker is stopped after `LEAK_DEADLINE_MS`, which fails the check. It
 *    runs first because RSS is the whole process's: later, the main thread's garbage from the
 *    photograph-sized runs would be freed in the middle of it.
 * 2. Per operation and size (`_gpu_cases.ts`): the CPU's time, the GPU's wall time with every run
 *    uploading its source, the GPU's time with the source resident (tiles only), and the GPU's
 *    upload, dispatch and readback phases from `lastTimings`. Each figure is the median of up to
 *    `RUNS` runs after one warm-up run; a case stops repeating after `CASE_BUDGET_MS`.
 *
 * A failed leak check sets the exit code to 1. Without a WebGPU adapter the script says so loudly
 * and measures nothing.
 *
 * Run: `deno run -A bench/gpu_phases.ts` (the last step of `deno task bench`).
 *
 * @module
 */
import type { GpuBackend, GpuPhaseTimings } from "../src/gpu/mod.ts";
import type { OpStep, Raster } from "../src/ops/mod.ts";
import type { LeakCheckReport, LeakCheckRequest } from "./_gpu_leak_worker.ts";
import {
  adapterName,
  BENCH_SIZES,
  type BenchBackends,
  benchBackends,
  type BenchSize,
  benchSources,
  isDeclined,
  isTile,
  OP_CASES,
  type OpCase,
  sourceKeyOf,
  sourceOf,
} from "./_gpu_cases.ts";

const RUNS = 3;
const CASE_BUDGET_MS = 4_000;
const LEAK_JOBS = 2_000;
const LEAK_WARMUP_JOBS = 100;
const LEAK_LIMIT_MB = 50;
const LEAK_DEADLINE_MS = 8 * 60_000;
const MB = 1024 * 1024;

/** One timed run; `value` is what the job returned (the GPU's phases). */
interface Sample<T> {
  readonly ms: number;
  readonly value: T;
}

/** Runs `job` once to warm up, then up to `RUNS` times while within `CASE_BUDGET_MS`. */
async function sample<T>(job: () => Promise<T>): Promise<Sample<T>[]> {
  await job();
  const samples: Sample<T>[] = [];
  const start = performance.now();
  while (samples.length < RUNS && (samples.length === 0 || elapsedSince(start) < CASE_BUDGET_MS)) {
    const runStart = performance.now();
    const value = await job();
    samples.push({ ms: elapsedSince(runStart), value });
  }
  return samples;
}

function elapsedSince(start: number): number {
  return performance.now() - start;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function ms(value: number): string {
  return value.toFixed(1);
}

/** The medians of the GPU's runs of one job, with or without a resident source. */
async function gpuMedians(gpu: GpuBackend, source: Raster, steps: OpStep[], sourceKey?: string) {
  const samples = await sample(async () => {
    gpu.release(await gpu.run(source, steps, { sourceKey }));
    return gpu.lastTimings!;
  });
  const phase = (key: keyof GpuPhaseTimings) => median(samples.map((run) => run.value[key]));
  return {
    ms: median(samples.map((run) => run.ms)),
    uploadMs: phase("uploadMs"),
    dispatchMs: phase("dispatchMs"),
    readbackMs: phase("readbackMs"),
    uploadedBytes: phase("uploadedBytes"),
  };
}

/** One table row: the CPU's median, then the GPU's medians. */
async function phaseRow(backends: Backends, size: BenchSize, opCase: OpCase, source: Raster) {
  const { cpu, gpu } = backends;
  const steps = opCase.steps(size);
  const cpuRuns = await sample(async () => cpu.release(await cpu.run(source, steps)));
  const cpuMs = median(cpuRuns.map((run) => run.ms));
  const sourceKey = isTile(size) ? sourceKeyOf(opCase, size) : undefined;
  const gpuCells = await gpuColumns(gpu, cpuMs, { source, steps, sourceKey });
  return `| ${[opCase.name, `${size.width}×${size.height}`, ms(cpuMs), ...gpuCells].join(" | ")} |`;
}

/**
 * The GPU's columns for one job: uploading its source, then resident when `sourceKey` is given;
 * or why the GPU declined the job (see `isDeclined`).
 */
async function gpuColumns(
  gpu: GpuBackend,
  cpuMs: number,
  job: { source: Raster; steps: OpStep[]; sourceKey?: string },
): Promise<string[]> {
  try {
    const upload = await gpuMedians(gpu, job.source, job.steps);
    const resident = job.sourceKey === undefined
      ? "—"
      : ms((await gpuMedians(gpu, job.source, job.steps, job.sourceKey)).ms);
    return [
      ms(upload.ms),
      (upload.ms / cpuMs).toFixed(2),
      resident,
      ms(upload.uploadMs),
      ms(upload.dispatchMs),
      ms(upload.readbackMs),
      (upload.uploadedBytes / MB).toFixed(1),
    ];
  } catch (error) {
    if (!isDeclined(error)) throw error;
    return [`declined (${error.reason}): ${error.message}`, "—", "—", "—", "—", "—", "—"];
  }
}

type Backends = Required<BenchBackends>;

/** Prints the phase table; the GPU backend is destroyed afterwards. */
async function printPhases(backends: Backends): Promise<void> {
  console.log(`\n## GPU phases on ${adapterName(backends.gpu)} against the CPU kernels\n`);
  console.log(
    `Median of up to ${RUNS} runs after a warm-up; times in ms, GPU/CPU > 1: CPU faster.`,
  );
  console.log(
    "Resident: the source stays on the device (`sourceKey`), as for tiles of one image.\n",
  );
  console.log(
    "| operation | size | CPU | GPU | GPU/CPU | GPU resident | upload | dispatch | readback " +
      "| uploaded MB |",
  );
  console.log("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
  try {
    for (const size of BENCH_SIZES) {
      const sources = benchSources(size);
      for (const opCase of OP_CASES) {
        console.log(await phaseRow(backends, size, opCase, sourceOf(opCase, sources)));
      }
    }
  } finally {
    backends.gpu.destroy();
  }
}

/** Runs the leak check's worker and prints its reports; resolves to whether the check passed. */
function checkLeaks(): Promise<boolean> {
  console.log(
    `## GPU leak check: ${LEAK_JOBS} jobs in one worker, RSS growth < ${LEAK_LIMIT_MB} MB\n`,
  );
  console.log("| jobs done | RSS MB | resident sources | resident MB | pooled GPU MB |");
  console.log("|--:|--:|--:|--:|--:|");
  const worker = new Worker(new URL("./_gpu_leak_worker.ts", import.meta.url), { type: "module" });
  const { promise, resolve } = Promise.withResolvers<LeakOutcome>();
  const deadline = setTimeout(
    () => resolve(`timed out after ${LEAK_DEADLINE_MS} ms`),
    LEAK_DEADLINE_MS,
  );
  let warmRssBytes = 0;
  worker.onmessage = ({ data }: MessageEvent<LeakCheckReport>) => {
    if (data.type === "failed") return resolve(`the worker failed: ${data.message}`);
    console.log(leakRow(data));
    if (data.jobsDone === LEAK_WARMUP_JOBS) warmRssBytes = data.rssBytes;
    if (data.last) resolve({ warmMb: warmRssBytes / MB, lastMb: data.rssBytes / MB });
  };
  worker.onerror = (event) => {
    event.preventDefault();
    resolve(`the worker failed: ${event.message}`);
  };
  const request: LeakCheckRequest = {
    type: "start",
    jobs: LEAK_JOBS,
    warmupJobs: LEAK_WARMUP_JOBS,
  };
  worker.postMessage(request);
  return promise.then((outcome) => {
    clearTimeout(deadline);
    worker.terminate();
    return verdict(outcome);
  });
}

function leakRow(report: Extract<LeakCheckReport, { type: "rss" }>): string {
  const { jobsDone, rssBytes, gpu } = report;
  const cells = [jobsDone, (rssBytes / MB).toFixed(0), gpu.residentSources];
  cells.push((gpu.residentBytes / MB).toFixed(1), (gpu.pooledBytes / MB).toFixed(1));
  return `| ${cells.join(" | ")} |`;
}

/** The process's RSS after the warm-up and after the last job, or why the check did not finish. */
type LeakOutcome = string | { readonly warmMb: number; readonly lastMb: number };

/** Prints the leak check's verdict; returns whether it passed. */
function verdict(outcome: LeakOutcome): boolean {
  if (typeof outcome === "string") {
    console.log(`\nLeak check FAIL: ${outcome}`);
    return false;
  }
  const { warmMb, lastMb } = outcome;
  const growth = lastMb - warmMb;
  const passed = growth < LEAK_LIMIT_MB;
  console.log(
    `\nRSS ${warmMb.toFixed(0)} MB after ${LEAK_WARMUP_JOBS} warm-up jobs, ` +
      `${lastMb.toFixed(0)} MB after ${LEAK_JOBS}: growth ${growth.toFixed(1)} MB over ` +
      `${LEAK_JOBS - LEAK_WARMUP_JOBS} jobs (limit < ${LEAK_LIMIT_MB} MB): ` +
      (passed ? "PASS" : "FAIL"),
  );
  return passed;
}

const { cpu, gpu } = await benchBackends();
if (gpu === undefined) {
  console.warn(
    "\n!!! gpu_phases: WebGPU found NO ADAPTER: no GPU phases and NO LEAK CHECK were measured.\n" +
      "!!! Install a GPU driver or Mesa (llvmpipe) to measure the GPU.\n",
  );
} else {
  const leakCheckPassed = await checkLeaks();
  await printPhases({ cpu, gpu });
  if (!leakCheckPassed) Deno.exitCode = 1;
}
