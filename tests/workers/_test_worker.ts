/// <reference lib="deno.worker" />
/**
 * A stand-in image worker for pool tests, speaking `workers/protocol.ts`. The plan's `canonical`
 * says what a job does: `echo`, `sleep:<ms>`, `fail` (answers "failed" with an IiifSyntaxError),
 * `crash` (throws out of the message handler) or `hang` (never answers). Every answer's body is
 * JSON `{ worker, path }`, so tests can see which worker ran which source. Loaded with `?refuse`
 * in its URL, it crashes on `init`, before `ready`.
 *
 * @module
 */
import type { FromWorker, JobSource, ToWorker } from "../../workers/protocol.ts";

const WORKER_ID = crypto.randomUUID();
const REFUSE = new URL(import.meta.url).searchParams.has("refuse");

function post(message: FromWorker): void {
  self.postMessage(message);
}

async function runJob(id: number, behaviour: string, source: JobSource): Promise<void> {
  const [kind, argument] = behaviour.split(":");
  if (kind === "hang") return;
  if (kind === "sleep") await new Promise((resolve) => setTimeout(resolve, Number(argument)));
  if (kind === "fail") {
    const error = { name: "IiifSyntaxError", message: 'Cannot parse size "x"', parameter: "size" };
    return post({ type: "failed", id, error });
  }
  const body = new TextEncoder().encode(JSON.stringify({ worker: WORKER_ID, path: source.path }));
  const timings = { readMs: 0, decodeMs: 0, opsMs: 0, encodeMs: 0, sourceCached: false };
  post({ type: "done", id, body, backend: "cpu", timings });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case "init":
      if (REFUSE) throw new Error("Test worker refused to start");
      return post({ type: "ready", backend: "cpu", jpegCodec: "test" });
    case "job":
      if (message.plan.canonical === "crash") throw new Error("Test worker crashed");
      return void runJob(message.id, message.plan.canonical, message.source);
    case "shutdown":
      return self.close();
    default:
      message satisfies never;
  }
};
