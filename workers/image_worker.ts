/// <reference lib="deno.worker" />
/**
 * An image worker: decodes sources (kept in its LRU), runs a plan's steps on a backend and
 * encodes the output. One job at a time; the pool never sends a second before the answer.
 *
 * @module
 */
import {
  activeJpegCodec,
  colourManagementInfo,
  encodeImage,
  isRegionFormat,
  jp2Library,
  jpegCodecInfo,
} from "../src/codecs/mod.ts";
import { GpuBackend, SwitchingBackend } from "../src/gpu/mod.ts";
import { BufferPool, CpuBackend, type OpStep, type Raster } from "../src/ops/mod.ts";
import { DecodedSourceCache, type SourceLease } from "./decoded_source_cache.ts";
import { RegionSources } from "./region_sources.ts";
import { planningCropper } from "./edge_tile_croppers.ts";
import { storedTileTimings } from "./read_stored_tile.ts";
import type { FromWorker, JobBand, ToWorker, WorkerSettings } from "./protocol.ts";
import type { ImagePlan } from "../src/iiif/mod.ts";
import { warmUp } from "./warm_up.ts";
import { toWireError } from "./wire_error.ts";

let backend: SwitchingBackend;
let sources: DecodedSourceCache;
let regions: RegionSources;
let watermarks: ReadonlyMap<string, Raster> | undefined;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

async function init(settings: WorkerSettings): Promise<void> {
  // Idle room for at least one evicted 6000×4000 RGBA source (96 MB), the next decode's target.
  const pool = new BufferPool({ maxIdleBytes: Math.max(128 << 20, settings.sourceCacheBytes / 2) });
  const choice = settings.backend;
  const cpu = new CpuBackend({ pool });
  backend = await SwitchingBackend.start({
    choice,
    cpu,
    pool,
    createGpu: () =>
      GpuBackend.create({
        pool,
        sourceCacheBytes: settings.gpuCacheBytes,
        timeoutMs: settings.gpuTimeoutMs,
      }),
  });
  sources = new DecodedSourceCache(pool, settings.sourceCacheBytes);
  const jpeg = activeJpegCodec();
  regions = new RegionSources(pool, planningCropper(jpeg));
  watermarks = settings.watermarks;
  await warmUp(cpu, pool);
  const codec = jpegCodecInfo();
  const report = { backend: backend.name, reason: choice.reason, adapter: backend.adapter };
  const warnings = [codec.warning, colourManagementInfo().warning, jp2Library().warning]
    .filter(Boolean);
  const warning = warnings.length > 0 ? warnings.join("; ") : undefined;
  post({ type: "ready", backend: report, jpegCodec: codec.name, warning });
}

async function runJob(job: Extract<ToWorker, { type: "job" }>): Promise<void> {
  const { id, plan, source } = job;
  if (isRegionFormat(source.format)) {
    const pixels = job.band !== undefined;
    const prepared = await regions.prepare({ ...source, format: source.format }, plan, { pixels });
    if (prepared.kind === "tile") {
      const { body, cropPlan } = prepared;
      const timings = storedTileTimings(prepared);
      post({ type: "done", id, body, backend: "cpu", timings, cropPlan }, [body.buffer]);
      return;
    }
    return await render(job, prepared.lease, prepared.steps);
  }
  const lease = await sources.lease(source, plan.decodeScale);
  await render(job, lease, plan.steps);
}

/** Runs `steps` on the leased source, encodes the output and posts it; ends the lease. */
async function render(
  job: Extract<ToWorker, { type: "job" }>,
  lease: SourceLease,
  steps: readonly OpStep[],
): Promise<void> {
  const { id, plan, cpuOnly } = job;
  try {
    const t0 = performance.now();
    const { raster: output, backend: used, fallback } = await backend.run(
      lease.raster,
      steps,
      { sourceKey: lease.key, cpuOnly, watermarks },
    );
    const t1 = performance.now();
    let body: Uint8Array<ArrayBuffer>;
    try {
      checkPlannedSize(output, plan);
      body = job.band
        ? await finishBand(output, job.band, plan)
        : await encodeImage(output, plan.encode);
    } finally {
      backend.release(output);
    }
    const timings = {
      readMs: lease.readMs,
      decodeMs: lease.decodeMs,
      opsMs: t1 - t0,
      encodeMs: performance.now() - t1,
      source: lease.cached ? "lru" as const : "file" as const,
    };
    post({ type: "done", id, body, backend: used, fallback, timings }, [body.buffer]);
  } finally {
    lease.done();
  }
}

/**
 * Copies a band's output into the shared pixels at its rows and counts it done; the worker that
 * finishes the last band encodes the whole output (the others answer with no body). The count is
 * an atomic add, which also makes every band's writes visible to the worker that sees it reach
 * the total.
 */
async function finishBand(
  output: Raster,
  band: JobBand,
  plan: ImagePlan,
): Promise<Uint8Array<ArrayBuffer>> {
  const { width } = plan;
  const pixels = new Uint8Array(band.pixels, 0, width * band.height * 4);
  pixels.set(output.data.subarray(0, width * output.height * 4), band.top * width * 4);
  const finished = Atomics.add(new Int32Array(band.finished), 0, 1) + 1;
  if (finished < band.count) return new Uint8Array();
  return await encodeImage({ width, height: band.height, data: pixels }, plan.encode);
}

/** A planner/backend mismatch must fail loudly, not serve an image of the wrong size. */
function checkPlannedSize(output: Raster, plan: ImagePlan): void {
  if (output.width === plan.width && output.height === plan.height) return;
  throw new Error(
    `Backend made a ${output.width}x${output.height} image for "${plan.canonical}" ` +
      `but the plan is ${plan.width}x${plan.height}`,
  );
}

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case "init":
      // A failed start (gpu: on without a device) is thrown out, so the pool sees the worker die.
      return await init(message.settings);
    case "job":
      try {
        await runJob(message);
      } catch (error) {
        post({ type: "failed", id: message.id, error: toWireError(error) });
      }
      return;
    case "forget":
      return regions?.forget(message.source);
    case "shutdown":
      backend?.close();
      regions?.close();
      post({ type: "closed" });
      return self.close();
    default:
      message satisfies never;
  }
};
