/// <reference lib="deno.worker" />
/**
 * A stand-in image worker for pool tests, speaking `workers/protocol.ts`. The plan's `canonical`
 * says what a job does: `echo`, `sleep:<ms>`, `fail` (answers "failed" with an IiifSyntaxError),
 * `crash` (throws out of the message handler), `crash-unless-cpu` (crashes unless the job is a
 * CPU-only retry), `hang` (never answers) or `crop` (answers a TIFF edge tile as the image worker
 * does, cropped and with its crop plan, but with `readMs` 999 to show who cut it). Every other
 * answer's body is JSON
 * `{ worker, path, cpuOnly }`, so tests can see which worker ran which source how. Loaded with
 * `?refuse` in its URL, it crashes on `init`, before `ready`; with `?gpu` it reports a GPU backend;
 * with `?close-after=<ms>` it says `closed` that long after `shutdown`, with `?never-closes` never.
 *
 * @module
 */
import { activeJpegCodec } from "../../src/codecs/mod.ts";
import type { ImagePlan } from "../../src/iiif/mod.ts";
import { BufferPool } from "../../src/ops/mod.ts";
import { planningCropper } from "../../workers/edge_tile_croppers.ts";
import type { FromWorker, JobSource, ToWorker } from "../../workers/protocol.ts";
import { RegionSources } from "../../workers/region_sources.ts";
import { WORKER_CROP_READ_MS } from "./_worker_settings.ts";

const WORKER_ID = crypto.randomUUID();
const FLAGS = new URL(import.meta.url).searchParams;
const BACKEND = FLAGS.has("gpu") ? "gpu" : "cpu";

function post(message: FromWorker): void {
  self.postMessage(message);
}

// Made on the first `crop`: most pool tests never load libjpeg-turbo in their workers.
let regions: RegionSources | undefined;

async function runJob(
  id: number,
  behaviour: string,
  job: { source: JobSource; cpuOnly: boolean; plan: ImagePlan },
) {
  const [kind, argument] = behaviour.split(":");
  if (kind === "hang") return;
  if (kind === "crop") return await cropEdgeTile(id, job);
  if (kind === "sleep") await new Promise((resolve) => setTimeout(resolve, Number(argument)));
  if (kind === "fail") {
    const error = { name: "IiifSyntaxError", message: 'Cannot parse size "x"', parameter: "size" };
    return post({ type: "failed", id, error });
  }
  const answer = { worker: WORKER_ID, path: job.source.path, cpuOnly: job.cpuOnly };
  const body = new TextEncoder().encode(JSON.stringify(answer));
  const timings = { readMs: 0, decodeMs: 0, opsMs: 0, encodeMs: 0, source: "file" as const };
  post({ type: "done", id, body, backend: job.cpuOnly ? "cpu" : BACKEND, timings });
}

async function cropEdgeTile(id: number, { source, plan }: { source: JobSource; plan: ImagePlan }) {
  regions ??= new RegionSources(new BufferPool(), planningCropper(activeJpegCodec()));
  const prepared = await regions.prepare({ ...source, format: "tiff" }, plan);
  if (prepared.kind !== "tile") throw new Error("Test worker: not an edge tile");
  const { body, cropPlan } = prepared;
  const timings = { readMs: WORKER_CROP_READ_MS, decodeMs: 0, opsMs: 0, encodeMs: 0 };
  post({
    type: "done",
    id,
    body,
    backend: "cpu",
    timings: { ...timings, source: "crop" },
    cropPlan,
  });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case "init":
      if (FLAGS.has("refuse")) throw new Error("Test worker refused to start");
      return post({
        type: "ready",
        backend: { backend: BACKEND, reason: "test" },
        jpegCodec: "test",
      });
    case "job": {
      const behaviour = message.plan.canonical;
      if (behaviour === "crash" || (behaviour === "crash-unless-cpu" && !message.cpuOnly)) {
        throw new Error("Test worker crashed");
      }
      return void runJob(message.id, behaviour, message);
    }
    case "forget":
      return;
    case "shutdown":
      return void shutDown();
    default:
      message satisfies never;
  }
};

/** `?close-after=<ms>`: releasing its resources takes that long; `?never-closes`: it hangs. */
async function shutDown(): Promise<void> {
  if (FLAGS.has("never-closes")) return;
  await new Promise((resolve) => setTimeout(resolve, Number(FLAGS.get("close-after") ?? 0)));
  post({ type: "closed" });
  self.close();
}
