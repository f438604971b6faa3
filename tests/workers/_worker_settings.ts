import type { WorkerSettings } from "../../workers/mod.ts";

/** Worker settings for the CPU backend with a decoded-source LRU of `sourceCacheBytes`. */
export function cpuSettings(sourceCacheBytes: number): WorkerSettings {
  return {
    sourceCacheBytes,
    backend: { use: "cpu", reason: "gpu: off" },
    gpuCacheBytes: 0,
    gpuTimeoutMs: 10_000,
  };
}

/** The `readMs` the stand-in worker (`_test_worker.ts`) gives the edge tiles it cuts. */
export const WORKER_CROP_READ_MS = 999;
