import type { ImagePlan } from "../src/iiif/mod.ts";
import type { BackendName } from "../src/ops/mod.ts";
import { JobTimeoutError, WorkerCrashedError } from "./errors.ts";
import type {
  BackendReport,
  FromWorker,
  JobBand,
  JobSource,
  JobTimings,
  ToWorker,
  WorkerSettings,
} from "./protocol.ts";
import type { TileCropPlan } from "./edge_tile_croppers.ts";
import { fromWireError } from "./wire_error.ts";

/** What a finished job hands back. */
export interface JobResult {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly backend: BackendName;
  /** Why a job meant for the GPU ran on the CPU, when it did. */
  readonly fallback?: string;
  readonly timings: JobTimings;
  /** How many workers made it in bands at once, when it was split. */
  readonly bands?: number;
  /** The plan of the edge tile the job cut, for the pool to replay. */
  readonly cropPlan?: TileCropPlan;
}

/** A job waiting for, or running on, a worker. */
export interface PendingJob {
  readonly plan: ImagePlan;
  readonly source: JobSource;
  readonly affinity: string;
  /** Run on the CPU whatever the worker's backend. */
  readonly cpuOnly: boolean;
  readonly band?: JobBand;
  resolve(result: JobResult): void;
  reject(error: Error): void;
}

/** What a worker said when it became ready. */
export interface ReadyInfo {
  readonly backend: BackendReport;
  readonly jpegCodec: string;
  readonly warning?: string;
}

/** What the slot tells its pool. */
export interface SlotEvents {
  /** After each answered job. */
  onIdle(slot: WorkerSlot): void;
  /** Once, when the worker errors out or is killed. */
  onDead(slot: WorkerSlot): void;
}

/** How a slot is set up. */
export interface WorkerSlotOptions {
  /** Sent to the worker before any job. */
  readonly settings: WorkerSettings;
  /** What the slot tells its pool. */
  readonly events: SlotEvents;
  /** Milliseconds a job may run before its worker is terminated; 0 or absent for no limit. */
  readonly jobTimeoutMs?: number;
}

/**
 * One Web Worker and the job it is running. It reports `onIdle` after each answer and `onDead`
 * when the worker errors out or is terminated, failing its job with `WorkerCrashedError`, or
 * with `JobTimeoutError` when the job outran `jobTimeoutMs` (a worker thread cannot be
 * interrupted, so the only way to stop a runaway job is to terminate its worker).
 */
export class WorkerSlot {
  /** Resolves when the worker said `ready`; rejects if it dies first. */
  readonly ready: Promise<ReadyInfo>;
  readonly #worker: Worker;
  readonly #events: SlotEvents;
  readonly #jobTimeoutMs: number;
  #jobTimer: ReturnType<typeof setTimeout> | undefined;
  #job: PendingJob | undefined;
  #nextId = 1;
  #dead = false;
  #failReady: (error: Error) => void = () => {};
  #onClosed: () => void = () => {};

  /**
   * @param workerUrl The worker module, speaking `workers/protocol.ts`.
   * @param options The worker's settings, the pool's events and the job time limit.
   */
  constructor(workerUrl: URL, options: WorkerSlotOptions) {
    this.#events = options.events;
    this.#jobTimeoutMs = options.jobTimeoutMs ?? 0;
    this.#worker = new Worker(workerUrl, { type: "module", name: "tessera-image-worker" });
    this.ready = new Promise((resolve, reject) => {
      this.#failReady = reject;
      this.#worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        if (message.type === "ready") resolve(message);
        else if (message.type === "closed") this.#onClosed();
        else this.#answer(message);
      };
    });
    this.ready.catch(() => {});
    this.#worker.onerror = (event) => {
      // Handled here: an uncaught worker error must not take the whole server down.
      event.preventDefault();
      this.kill(event.message || "uncaught error without a message");
    };
    this.#worker.onmessageerror = () => this.kill("cannot read a message from the worker");
    this.#send({ type: "init", settings: options.settings });
  }

  /** True while a job runs. */
  get busy(): boolean {
    return this.#job !== undefined;
  }

  /** Starts `job` on this idle worker. */
  start(job: PendingJob): void {
    this.#job = job;
    if (this.#jobTimeoutMs > 0) {
      const timeoutMs = this.#jobTimeoutMs;
      this.#jobTimer = setTimeout(() => this.#die(new JobTimeoutError(timeoutMs)), timeoutMs);
    }
    const { plan, source, cpuOnly, band } = job;
    this.#send({ type: "job", id: this.#nextId, plan, source, cpuOnly, band });
  }

  /** Has the worker close `source`'s file and drop it from its caches, after its current job. */
  forget(source: JobSource): void {
    if (!this.#dead) this.#send({ type: "forget", source });
  }

  /** Terminates the worker; a running job (and a pending `ready`) fails with `reason`. */
  kill(reason: string): void {
    this.#die(new WorkerCrashedError(reason));
  }

  /**
   * Asks an idle worker to exit. Resolves once it said it released its GPU device and files, or
   * after `waitMs` (it is then terminated): a process exiting while a worker still tears down its
   * graphics driver can crash. Resolves at once when it is dead or shutting down.
   */
  shutdown(waitMs: number): Promise<void> {
    if (this.#dead) return Promise.resolve();
    this.#dead = true;
    const { promise, resolve } = Promise.withResolvers<void>();
    const timer = setTimeout(() => {
      this.#worker.terminate();
      resolve();
    }, waitMs);
    this.#onClosed = () => {
      clearTimeout(timer);
      resolve();
    };
    this.#send({ type: "shutdown" });
    return promise;
  }

  /** Terminates the worker, failing a running job (and a pending `ready`) with `error`. */
  #die(error: Error): void {
    if (this.#dead) return;
    this.#dead = true;
    clearTimeout(this.#jobTimer);
    this.#worker.terminate();
    this.#failReady(error);
    this.#job?.reject(error);
    this.#job = undefined;
    this.#events.onDead(this);
  }

  #send(message: ToWorker): void {
    this.#worker.postMessage(message);
  }

  #answer(message: Exclude<FromWorker, { type: "ready" | "closed" }>): void {
    const job = this.#job;
    if (!job || message.id !== this.#nextId) return;
    clearTimeout(this.#jobTimer);
    this.#job = undefined;
    this.#nextId++;
    switch (message.type) {
      case "done":
        job.resolve({
          body: message.body,
          backend: message.backend,
          fallback: message.fallback,
          timings: message.timings,
          cropPlan: message.cropPlan,
        });
        break;
      case "failed":
        job.reject(fromWireError(message.error));
        break;
      default:
        message satisfies never;
    }
    this.#events.onIdle(this);
  }
}
