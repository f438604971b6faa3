import type { OpStep } from "./op_step.ts";
import type { Raster } from "./raster.ts";

/** Which implementation ran a job; reported per request in `Server-Timing`. */
export type BackendName = "cpu" | "gpu";

/** What a caller may tell a backend about a run besides the pixels. */
export interface RunOptions {
  /**
   * A stable name of `source`'s content (file, mtime, size, decode scale). A backend that keeps
   * sources resident elsewhere (the GPU backend's device memory) reuses its copy for an equal
   * key instead of uploading again; without a key nothing is kept.
   */
  readonly sourceKey?: string;
  /**
   * The mark images `watermark` steps name, by key (the server uses a digest of the file). A
   * backend may keep a copy of a mark elsewhere (the GPU's device memory) while the same raster
   * comes back under its key.
   */
  readonly watermarks?: ReadonlyMap<string, Raster>;
}

/**
 * The one interface between a worker and the pixels: a decoded source and the plan's steps in,
 * the output raster out. The CPU kernels implement it now; the WebGPU backend implements it beside
 * them without touching HTTP, parsing or caching.
 */
export interface ImageBackend {
  readonly name: BackendName;
  /**
   * Runs `steps` in order on `source`. The source is never modified (it may live in the worker's
   * decoded-source LRU). The result may be a pooled buffer: hand it back with `release` once it
   * has been encoded.
   */
  run(source: Raster, steps: readonly OpStep[], options?: RunOptions): Promise<Raster>;
  /** Returns a raster produced by `run` to the backend's buffer pool. */
  release(raster: Raster): void;
}
