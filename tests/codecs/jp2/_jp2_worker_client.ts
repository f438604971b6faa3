import type { Jp2WorkerReport } from "./_jp2_worker.ts";

/** Starts the JPEG 2000 test worker, sends it `file`, and resolves with its report. */
export function runJp2Worker(file: Uint8Array): Promise<Jp2WorkerReport> {
  const worker = new Worker(new URL("./_jp2_worker.ts", import.meta.url), { type: "module" });
  return new Promise<Jp2WorkerReport>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<Jp2WorkerReport>) => resolve(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(`JPEG 2000 worker failed: ${event.message}`));
    };
    worker.postMessage(file);
  }).finally(() => worker.terminate());
}
