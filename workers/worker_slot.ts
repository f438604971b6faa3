import type { ImagePlan } from "../src/iiif/mod.ts";
import type { BackendName } from "../src/ops/mod.ts";
import { WorkerCrashedError } from "./errors.ts";
import type { FromWorker, JobSource, JobTimings, ToWorker, WorkerSettings } from "./protocol.ts";
import { fromWireError } from "./wire_error.ts";

/** What a finished job hands back. */
export interface JobResult {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly backend: BackendName;
  readonly timings: JobTimings;
}

/** A job waiting for, or running on, a worker. */
export interface PendingJob {
  readonly plan: ImagePlan;
  readonly source: JobSource;
  readonly affinity: string;
  resolve(result: JobResult): void;
  reject(error: Error): void;
}

/** What a worker said when it became ready. */
export interface ReadyInfo {
  readonly backend: BackendName;
  readonly jpegCodec: string;
  readonly warning?: string;
}

const WORKER_URL = new URL("./image_worker.ts", import.meta.url);

/**
 * One Web Worker and the job it is running. It reports `onIdle` after each answer and `onDead`
 * when the worker errors out or is terminated, failing its job with `WorkerCrashedError`.
 */
export class WorkerSlot {
  readonly ready: Promise<ReadyInfo>;
  readonly #worker: Worker;
  #job: PendingJob | undefined;
  #nextId = 1;
  #dead = false;

  /**
   * @param settings Sent to the worker before any job.
   * @param events `onIdle` after a job ends, `onDead` once if the worker dies.
   */
  constructor(
    settings: WorkerSettings,
    readonly events: { onIdle(slot: WorkerSlot): void; onDead(slot: WorkerSlot): void },
  ) {
    this.#worker = new Worker(WORKER_URL, { type: "module", name: "tessera-image-worker" });
    this.ready = new Promise((resolve, reject) => {
      this.#worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        if (message.type === "ready") resolve(message);
        else this.#answer(message);
      };
      this.#worker.onerror = (event) => {
        event.preventDefault();
        reject(new WorkerCrashedError(event.message));
        this.kill(event.message);
      };
    });
    this.ready.catch(() => {});
    this.#send({ type: "init", settings });
  }

  /** True while a job runs. */
  get busy(): boolean {
    return this.#job !== undefined;
  }

  /** Starts `job` on this idle worker. */
  start(job: PendingJob): void {
    this.#job = job;
    this.#send({ type: "job", id: this.#nextId, plan: job.plan, source: job.source });
  }

  /** Terminates the worker; a running job fails with `reason`. */
  kill(reason: string): void {
    if (this.#dead) return;
    this.#dead = true;
    this.#worker.terminate();
    this.#job?.reject(new WorkerCrashedError(reason));
    this.#job = undefined;
    this.events.onDead(this);
  }

  /** Asks the worker to exit after its current message. */
  shutdown(): void {
    this.#dead = true;
    this.#send({ type: "shutdown" });
  }

  #send(message: ToWorker): void {
    this.#worker.postMessage(message);
  }

  #answer(message: Exclude<FromWorker, { type: "ready" }>): void {
    const job = this.#job;
    if (!job || message.id !== this.#nextId) return;
    this.#job = undefined;
    this.#nextId++;
    switch (message.type) {
      case "done":
        job.resolve({ body: message.body, backend: message.backend, timings: message.timings });
        break;
      case "failed":
        job.reject(fromWireError(message.error));
        break;
      default:
        message satisfies never;
    }
    this.events.onIdle(this);
  }
}
