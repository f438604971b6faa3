import type { CodecReport } from "./_codec_worker.ts";

/** Starts the codec test worker and resolves with its report. */
export function runCodecWorker(): Promise<CodecReport> {
  const worker = new Worker(new URL("./_codec_worker.ts", import.meta.url), { type: "module" });
  return new Promise<CodecReport>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<CodecReport>) => resolve(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(`Codec worker failed: ${event.message}`));
    };
  }).finally(() => worker.terminate());
}
