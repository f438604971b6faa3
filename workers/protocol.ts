/**
 * The only definition of the messages between the main thread and an image worker; both sides
 * import it. Large buffers always travel in the transfer list, never as copies.
 *
 * @module
 */
import type { SourceFormat } from "../src/codecs/mod.ts";
import type { ImagePlan } from "../src/iiif/mod.ts";
import type { BackendChoice, GpuAdapterSummary } from "../src/gpu/mod.ts";
import type { BackendName, Raster } from "../src/ops/mod.ts";
import type { S3Object } from "../src/sources/mod.ts";
import type { TileCropPlan } from "./edge_tile_croppers.ts";

/**
 * The source a job decodes: a file, or (with `s3`) an S3 object, which the worker reads with
 * credentials from its own environment. `mtimeMs` and `size` (and the ETag) key the worker's
 * decoded-source LRU.
 */
export interface JobSource {
  /** The file; for an S3 object, `s3://<bucket>/<key>`. */
  readonly path: string;
  readonly format: SourceFormat;
  readonly mtimeMs: number;
  readonly size: number;
  readonly s3?: S3Object;
  /** `profile:name`, to name the source in an error without revealing its path. */
  readonly identifier?: string;
}

/** An error as it crosses the thread boundary; rebuilt into its class by `fromWireError`. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly parameter?: string;
}

/**
 * Where a job's time went, in milliseconds, and where its pixels came from: `lru` when the
 * worker's LRU held the decoded source, `file` when it was read and decoded, `tile` when a stored
 * JPEG tile was sent as it is, `crop` when an edge tile was cut out of its stored tile losslessly.
 */
export interface JobTimings {
  readonly readMs: number;
  readonly decodeMs: number;
  readonly opsMs: number;
  readonly encodeMs: number;
  readonly source: "lru" | "file" | "tile" | "crop";
}

/**
 * Where a band job puts its pixels: rows `top` onward of the whole output, RGBA, in `pixels`
 * (shared by every band's worker, as wide as the band's plan). `finished` holds one `Int32`, the
 * count of finished bands: the worker that finishes last encodes the whole output and answers
 * with it, the others with an empty body.
 */
export interface JobBand {
  readonly pixels: SharedArrayBuffer;
  readonly finished: SharedArrayBuffer;
  readonly top: number;
  /** How many bands make the output. */
  readonly count: number;
  /** The whole output's height (the band's plan has only its own rows). */
  readonly height: number;
}

/** Settings a worker needs before its first job. */
export interface WorkerSettings {
  /** Byte bound of the decoded-source LRU. */
  readonly sourceCacheBytes: number;
  /**
   * The backend rule's outcome, decided once on the main thread (`chooseBackend`): a worker on the
   * CPU never touches WebGPU, so no graphics driver state lives in its thread.
   */
  readonly backend: BackendChoice;
  /** Byte bound of the sources kept resident on the GPU. */
  readonly gpuCacheBytes: number;
  /** How long a GPU job may take before it is re-run on the CPU. */
  readonly gpuTimeoutMs: number;
  /**
   * The watermark images plans name, by name (a digest of the file): decoded once on the main
   * thread at start, copied once into each worker, then lent to every job.
   */
  readonly watermarks?: ReadonlyMap<string, Raster>;
}

/** The backend a worker started with, and why; reported in `/status`. */
export interface BackendReport {
  /** `gpu` when the worker holds a GPU device (all or some jobs run there). */
  readonly backend: BackendName;
  readonly reason: string;
  readonly adapter?: GpuAdapterSummary;
}

/** Main thread → worker. */
export type ToWorker =
  | { readonly type: "init"; readonly settings: WorkerSettings }
  | {
    readonly type: "job";
    readonly id: number;
    readonly plan: ImagePlan;
    readonly source: JobSource;
    /** Run on the CPU whatever the backend: the retry of a job whose GPU worker died. */
    readonly cpuOnly: boolean;
    /** Set when `plan` is one band of a larger output that several workers make at once. */
    readonly band?: JobBand;
  }
  /** Close the source's file and drop it from the caches (it is about to be deleted). */
  | { readonly type: "forget"; readonly source: JobSource }
  | { readonly type: "shutdown" };

/** Worker → main thread. */
export type FromWorker =
  | {
    readonly type: "ready";
    readonly backend: BackendReport;
    readonly jpegCodec: string;
    readonly warning?: string;
  }
  | {
    readonly type: "done";
    readonly id: number;
    readonly body: Uint8Array<ArrayBuffer>;
    readonly backend: BackendName;
    /** Why a job meant for the GPU ran on the CPU, when it did. */
    readonly fallback?: string;
    readonly timings: JobTimings;
    /** The plan of the edge tile this job cut, for the main thread to replay. */
    readonly cropPlan?: TileCropPlan;
  }
  | { readonly type: "failed"; readonly id: number; readonly error: WireError }
  /** After `shutdown`: its GPU device and files are released, it exits next. */
  | { readonly type: "closed" };
