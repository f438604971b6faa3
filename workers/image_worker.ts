/// <reference lib="deno.worker" />
/**
 * An image worker: decodes sources (kept in its LRU), runs a plan's steps on a backend and
 * encodes the output. One job at a time; the pool never sends a second before the answer.
 *
 * @module
 */
import { encodeImage, jpegCodecInfo } from "../src/codecs/mod.ts";
import { BufferPool, CpuBackend, type ImageBackend, type Raster } from "../src/ops/mod.ts";
import { DecodedSourceCache } from "./decoded_source_cache.ts";
import type { FromWorker, JobSource, ToWorker, WorkerSettings } from "./protocol.ts";
import type { ImagePlan } from "../src/iiif/mod.ts";
import { toWireError } from "./wire_error.ts";

let backend: ImageBackend;
let sources: DecodedSourceCache;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function init(settings: WorkerSettings): void {
  // Idle room for at least one evicted 6000×4000 RGBA source (96 MB), the next decode's target.
  const pool = new BufferPool({ maxIdleBytes: Math.max(128 << 20, settings.sourceCacheBytes / 2) });
  backend = new CpuBackend({ pool });
  sources = new DecodedSourceCache(pool, settings.sourceCacheBytes);
  const codec = jpegCodecInfo();
  post({ type: "ready", backend: backend.name, jpegCodec: codec.name, warning: codec.warning });
}

async function runJob(id: number, plan: ImagePlan, source: JobSource): Promise<void> {
  const lease = await sources.lease(source, plan.decodeScale);
  try {
    const t0 = performance.now();
    const output = await backend.run(lease.raster, plan.steps);
    const t1 = performance.now();
    let body: Uint8Array<ArrayBuffer>;
    try {
      checkPlannedSize(output, plan);
      body = await encodeImage(output, plan.encode);
    } finally {
      backend.release(output);
    }
    const timings = {
      readMs: lease.readMs,
      decodeMs: lease.decodeMs,
      opsMs: t1 - t0,
      encodeMs: performance.now() - t1,
      sourceCached: lease.cached,
    };
    post({ type: "done", id, body, backend: backend.name, timings }, [body.buffer]);
  } finally {
    lease.done();
  }
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
      return init(message.settings);
    case "job":
      try {
        await runJob(message.id, message.plan, message.source);
      } catch (error) {
        post({ type: "failed", id: message.id, error: toWireError(error) });
      }
      return;
    case "shutdown":
      return self.close();
    default:
      message satisfies never;
  }
};
