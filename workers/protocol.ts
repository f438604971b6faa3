/**
 * The only definition of the messages between the main thread and an image worker; both sides
 * import it. Large buffers always travel in the transfer list, never as copies.
 *
 * @module
 */
import type { SourceFormat } from "../src/codecs/mod.ts";
import type { ImagePlan } from "../src/iiif/mod.ts";
import type { BackendName } from "../src/ops/mod.ts";

/** The file a job decodes; `mtimeMs` and `size` key the worker's decoded-source LRU. */
export interface JobSource {
  readonly path: string;
  readonly format: SourceFormat;
  readonly mtimeMs: number;
  readonly size: number;
}

/** An error as it crosses the thread boundary; rebuilt into its class by `fromWireError`. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly parameter?: string;
}

/** Where a job's time went, in milliseconds; `sourceCached` when the LRU held the source. */
export interface JobTimings {
  readonly readMs: number;
  readonly decodeMs: number;
  readonly opsMs: number;
  readonly encodeMs: number;
  readonly sourceCached: boolean;
}

/** Settings a worker needs before its first job. */
export interface WorkerSettings {
  /** Byte bound of the decoded-source LRU. */
  readonly sourceCacheBytes: number;
}

/** Main thread → worker. */
export type ToWorker =
  | { readonly type: "init"; readonly settings: WorkerSettings }
  | {
    readonly type: "job";
    readonly id: number;
    readonly plan: ImagePlan;
    readonly source: JobSource;
  }
  | { readonly type: "shutdown" };

/** Worker → main thread. */
export type FromWorker =
  | {
    readonly type: "ready";
    readonly backend: BackendName;
    readonly jpegCodec: string;
    readonly warning?: string;
  }
  | {
    readonly type: "done";
    readonly id: number;
    readonly body: Uint8Array<ArrayBuffer>;
    readonly backend: BackendName;
    readonly timings: JobTimings;
  }
  | { readonly type: "failed"; readonly id: number; readonly error: WireError };
