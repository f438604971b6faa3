/// <reference lib="deno.worker" />
/**
 * A stand-in image worker for pool tests, speaking `workers/protocol.ts`. The plan's `canonical`
 * says what a job does: `echo`, `sleep:<ms>`, `fail` (answers "failed" with an IiifSyntaxError),
 * `crash` (throws out of the message handler), `crash-unless-cpu` (crashes unless the job is a
 * CPU-only retry) or `hang` (never answers). Every answer's body is JSON
 * `{ worker, path, cpuOnly }`, so tests can see which worker ran which source how. Loaded with
 * `?refuse` in its URL, it crashes on `init`, before `ready`; with `?gpu` it reports a GPU backend.
 *
 * @module
 */
import type { FromWorker, JobSource, ToWorker } from "../../workers/protocol.ts";

const WORKER_ID = crypto.randomUUID();
const FLAGS = new URL(import.meta.url).searchParams;
const BACKEND = FLAGS.has("gpu") ? "gpu" : "cpu";

function post(message: FromWorker): void {
  self.postMessage(message);
}

async function runJob(id: number, behaviour: string, job: { source: JobSource; cpuOnly: boolean }) {
  const [kind, argument] = behaviour.split(":");
  if (kind === "hang") return;
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
      return self.close();
    default:
      message satisfies never;
  }
};
