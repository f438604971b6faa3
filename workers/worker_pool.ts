import type { ImagePlan } from "../src/iiif/mod.ts";
import { type BackendName, BufferPool } from "../src/ops/mod.ts";
import { PoolClosedError, QueueFullError, WorkerCrashedError } from "./errors.ts";
import { OpenedRegionSources } from "./opened_region_sources.ts";
import { type BandPlan, bandPlans, MIN_BAND_ROWS } from "./band_plans.ts";
import type { BackendReport, JobBand, JobSource, WorkerSettings } from "./protocol.ts";
import { cropPlans, replayingCropper } from "./edge_tile_croppers.ts";
import { mayBeStoredTile, readStoredTile, storedTileTimings } from "./read_stored_tile.ts";
import { type JobResult, type PendingJob, type ReadyInfo, WorkerSlot } from "./worker_slot.ts";

/** How the pool is sized. */
export interface WorkerPoolOptions {
  /** Number of workers (`image_pool_size`). */
  readonly size: number;
  /** Jobs that may wait for a worker before new ones get 503 (`queue_limit`). */
  readonly queueLimit: number;
  /** What each worker is told at start: its LRU bounds and how to pick its backend. */
  readonly settings: WorkerSettings;
  /** The worker module, speaking `workers/protocol.ts`; defaults to `image_worker.ts`. */
  readonly workerUrl?: URL;
  /** How long `close()` lets running jobs finish before killing their workers; default 30 s. */
  readonly closeTimeoutMs?: number;
  /**
   * Milliseconds a job may run before it fails with `JobTimeoutError` and its worker is
   * replaced (`job_timeout_ms`); 0 or absent for no limit.
   */
  readonly jobTimeoutMs?: number;
}

/** A snapshot of the pool: sizes, queue and counters. */
export interface WorkerPoolStats {
  readonly size: number;
  readonly busy: number;
  readonly queued: number;
  /** Plans run: by workers, or (stored tiles of local files) read on the pool's own thread. */
  readonly jobs: number;
  readonly restarts: number;
  /** Finished jobs by the backend that made their pixels. */
  readonly jobsByBackend: Readonly<Record<BackendName, number>>;
  /** Jobs meant for the GPU that ran on the CPU, including retries after a GPU worker died. */
  readonly fallbacks: number;
  /** Each ready worker's backend and why it was chosen. */
  readonly backends: readonly BackendReport[];
}

const DEFAULT_WORKER_URL = new URL("./image_worker.ts", import.meta.url);
const DEFAULT_CLOSE_TIMEOUT_MS = 30_000;
/** How long an idle worker may take to release its GPU device and files once asked to exit. */
const SHUTDOWN_WAIT_MS = 2_000;
/** Remembered source→worker pairs, so tiles of one image go where it is already decoded. */
const MAX_AFFINITIES = 4096;
/** Bytes of shared pictures kept between split requests: a few 1024² outputs. */
const MAX_IDLE_SHARED_BYTES = 64 * 1024 * 1024;
/** How far into the queue a free worker looks for a job whose source it already holds. */
const AFFINITY_WINDOW = 4;
/**
 * How often the queue's head may be passed over for such a job. The window alone does not bound
 * the wait: under steady traffic for one image it refills with that image's jobs forever.
 */
const MAX_HEAD_BYPASSES = 4;

/**
 * A fixed pool of image workers with a bounded FIFO queue. A job goes to the idle worker that
 * last decoded its source when there is one, else to any idle worker, else it waits; a full
 * queue refuses at once with `QueueFullError`. A free worker may take a queued job for a source
 * it holds ahead of the head, a bounded number of times. A worker that dies, or whose job outruns
 * `jobTimeoutMs`, is replaced and only its own job fails.
 */
export class WorkerPool {
  readonly #options: WorkerPoolOptions;
  readonly #slots: WorkerSlot[] = [];
  readonly #ready = new Set<WorkerSlot>();
  readonly #queue: PendingJob[] = [];
  readonly #affinity = new Map<string, WorkerSlot>();
  /** The pictures bands write together (`#runBands`), kept for the next split request. */
  readonly #sharedPixels = new BufferPool({
    maxIdleBytes: MAX_IDLE_SHARED_BYTES,
    allocate: (byteLength) => new Uint8Array(new SharedArrayBuffer(byteLength)),
  });
  /** The tiled local files this thread has opened, for the stored tiles it reads itself. */
  readonly #storedTiles = new OpenedRegionSources();
  /** Edge tiles' crop plans, as workers made them: replayed here instead of a worker's trip. */
  readonly #cropPlans = cropPlans();
  readonly #cropper = replayingCropper(this.#cropPlans);
  #jobs = 0;
  #restarts = 0;
  #headBypasses = 0;
  #closed = false;
  #jobMs = 50;
  readonly #jobsByBackend = { cpu: 0, gpu: 0 };
  #fallbacks = 0;
  readonly #backends = new Map<WorkerSlot, BackendReport>();
  readonly #respawns = new Set<ReturnType<typeof setTimeout>>();

  private constructor(options: WorkerPoolOptions) {
    this.#options = options;
  }

  /**
   * Starts `options.size` workers and waits until every one is ready.
   *
   * @returns The pool and what the first worker reported (its codec warning, if any).
   * @throws {WorkerCrashedError} A worker died before it was ready; the others are stopped.
   */
  static async start(options: WorkerPoolOptions): Promise<{ pool: WorkerPool; info: ReadyInfo }> {
    const pool = new WorkerPool(options);
    try {
      const infos = await Promise.all(Array.from({ length: options.size }, () => pool.#spawn()));
      return { pool, info: infos[0] };
    } catch (error) {
      pool.#closed = true;
      for (const timer of pool.#respawns) clearTimeout(timer);
      // Killing a slot removes it from #slots, hence the copy.
      for (const slot of [...pool.#slots]) slot.kill("the pool failed to start");
      throw error;
    }
  }

  /**
   * Runs a plan on a worker, or, when it maps onto a stored JPEG tile of a local file, reads that
   * tile on this thread: one read needs no pixels, and costs less than a worker's round trip.
   *
   * @throws {QueueFullError} `queue_limit` jobs are already waiting.
   * @throws {PoolClosedError} The pool is shutting down.
   * @throws {WorkerCrashedError} The worker died during the job (a job whose GPU worker died
   * is first retried once on the CPU of another worker: a wgpu panic kills its thread).
   * @throws {JobTimeoutError} The job ran longer than `jobTimeoutMs`; its worker is replaced.
   */
  run(plan: ImagePlan, source: JobSource): Promise<JobResult> {
    if (this.#closed) return Promise.reject(new PoolClosedError());
    if (source.s3 === undefined && source.format === "tiff") {
      return this.#readOrEnqueue(plan, source);
    }
    return this.#enqueue(plan, source);
  }

  /**
   * A local TIFF: opened once on this thread (and kept) to answer a stored tile itself, or to see
   * whether its tiles are small enough for `bands`; else the plan goes to a worker.
   */
  async #readOrEnqueue(plan: ImagePlan, source: JobSource): Promise<JobResult> {
    const bands = this.#bandsFor(plan, source);
    if (!bands && !mayBeStoredTile(plan, source)) return await this.#enqueue(plan, source);
    const found = await this.#storedTiles.use({ ...source, format: "tiff" }, async (opened) => ({
      // A band is at least 256 rows of a larger output: never one stored tile.
      tile: bands ? undefined : await readStoredTile(opened, plan, this.#cropper),
      tileRows: opened.reader.levels[opened.levelOf.get(plan.decodeScale) ?? -1]?.tileHeight,
    }));
    if (found.tile) {
      const { tile } = found;
      const result: JobResult = {
        body: tile.body,
        backend: "cpu",
        timings: storedTileTimings(tile),
      };
      this.#jobs++;
      this.#count(result);
      return result;
    }
    // Each band must read little beyond its own rows: a one-strip TIFF would have every band
    // inflate the whole strip.
    const tiled = bands !== undefined && (found.tileRows ?? Infinity) <= bands[0].sourceRows;
    if (!tiled || this.#closed) return await this.#enqueue(plan, source);
    const started = performance.now();
    const result = await this.#runBands(bands, plan, source);
    this.#counted(result, started);
    return result;
  }

  #enqueue(plan: ImagePlan, source: JobSource): Promise<JobResult> {
    // Checked here too: `close()` may have run while a stored tile was being looked for.
    if (this.#closed) return Promise.reject(new PoolClosedError());
    return this.#enqueueJob(plan, source);
  }

  /**
   * The bands to split a large resize of a local TIFF into when workers are idle, one per idle
   * worker: a lone request then uses every core instead of one. Only on the CPU backend (a GPU is
   * one device), only for outputs whose shared picture the pool may keep, and never with jobs
   * waiting; `#readOrEnqueue` then checks the TIFF's tiles.
   */
  #bandsFor(plan: ImagePlan, source: JobSource): BandPlan[] | undefined {
    const { width, height } = plan;
    if (this.#options.settings.backend.use !== "cpu" || this.#queue.length > 0) return undefined;
    if (source.format !== "tiff" || source.s3 !== undefined) return undefined;
    if (width * height * 4 > MAX_IDLE_SHARED_BYTES) return undefined;
    const idle = this.#slots.filter((slot) => this.#ready.has(slot) && !slot.busy).length;
    return bandPlans(plan, Math.min(idle, Math.floor(height / MIN_BAND_ROWS)));
  }

  /**
   * Runs the bands at once into one shared picture; the worker that ends last encodes it. The
   * picture goes back to the pool only when every band answered: a worker terminated mid-band
   * (timeout, crash) may still be inside a native call that writes into it.
   */
  async #runBands(bands: BandPlan[], plan: ImagePlan, source: JobSource): Promise<JobResult> {
    const { height } = plan;
    // Reused: fresh memory costs a page fault per 4 KiB on first touch.
    const shared = this.#sharedPixels.acquire(plan.width * height * 4);
    const pixels = shared.buffer as SharedArrayBuffer;
    const finished = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const count = bands.length;
    this.#jobs++;
    // Settled, not raced: a failed band's siblings may still be writing into the picture.
    const outcomes = await Promise.allSettled(
      bands.map(({ top, plan: band }) =>
        this.#enqueueJob(band, source, { pixels, finished, top, count, height })
      ),
    );
    const failed = outcomes.find((outcome) => outcome.status === "rejected");
    if (failed) throw failed.reason;
    this.#sharedPixels.release(shared);
    return joinedBands(
      outcomes.map((outcome) => (outcome as PromiseFulfilledResult<JobResult>).value),
    );
  }

  /** Runs one job; a band of a split request is counted with the request, not on its own. */
  #enqueueJob(plan: ImagePlan, source: JobSource, band?: JobBand): Promise<JobResult> {
    const affinity = `${source.path}|${plan.decodeScale}`;
    const slot = this.#idleSlotFor(affinity);
    if (!slot && this.#queueFull()) return Promise.reject(this.#queueFullError());
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const job: PendingJob = {
        plan,
        source,
        affinity,
        cpuOnly: band !== undefined,
        band,
        resolve: (result) => {
          // Kept for the tiles this thread reads itself: local files.
          const { cropPlan } = result;
          if (cropPlan && !source.s3) this.#cropPlans.set(cropPlan.id, cropPlan.plan);
          if (!band) this.#counted(result, started);
          resolve(result);
        },
        reject,
      };
      if (slot) this.#start(slot, job);
      else this.#queue.push(job);
    });
  }

  /** Counts a finished request by its backend, and its time into `Retry-After`'s estimate. */
  #counted(result: JobResult, started: number): void {
    this.#jobMs = 0.8 * this.#jobMs + 0.2 * (performance.now() - started);
    this.#count(result);
  }

  /**
   * Refuses now what `run` would refuse: lets a caller answer 503 before doing work (resolving,
   * probing, planning) that only a job could use.
   *
   * @throws {QueueFullError} Every worker is busy and `queue_limit` jobs are already waiting.
   */
  throwIfFull(): void {
    if (this.#queueFull() && !this.#idleSlotFor("")) throw this.#queueFullError();
  }

  /**
   * Closes `source`'s file on this thread and in every worker and drops it from their caches: it
   * is about to be deleted, and an open descriptor would keep its space and show in `lsof`.
   */
  forget(source: JobSource): void {
    this.#storedTiles.forget(source);
    for (const slot of this.#slots) slot.forget(source);
  }

  /** Terminates the worker at `index` and replaces it; its running job fails. */
  recycle(index: number, reason: string): void {
    this.#slots[index]?.kill(reason);
  }

  /** Index of a worker that is running a job, or -1. */
  busyIndex(): number {
    return this.#slots.findIndex((slot) => slot.busy);
  }

  /** Sizes, queue depth and counters, as they are now. */
  stats(): WorkerPoolStats {
    return {
      size: this.#slots.length,
      busy: this.#slots.filter((slot) => slot.busy).length,
      queued: this.#queue.length,
      jobs: this.#jobs,
      restarts: this.#restarts,
      jobsByBackend: { ...this.#jobsByBackend },
      fallbacks: this.#fallbacks,
      backends: this.#slots.flatMap((slot) => this.#backends.get(slot) ?? []),
    };
  }

  /**
   * Sets the job counters (`jobs`, `jobsByBackend`) back to 0: the server's warm-up is not
   * traffic. Restarts and fallbacks stay counted: they are events an operator should see, even
   * before the first request.
   */
  resetCounts(): void {
    this.#jobs = 0;
    this.#jobsByBackend.cpu = 0;
    this.#jobsByBackend.gpu = 0;
  }

  /**
   * Refuses new jobs, fails queued ones with `PoolClosedError`, lets running ones finish for up
   * to `closeTimeoutMs` (then kills their workers, failing them with `WorkerCrashedError`), and
   * stops every worker.
   */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#respawns) clearTimeout(timer);
    for (const job of this.#queue.splice(0)) job.reject(new PoolClosedError());
    this.#storedTiles.close();
    const timeoutMs = this.#options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
    const deadline = performance.now() + timeoutMs;
    while (this.#slots.some((slot) => slot.busy) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const exits = [...this.#slots].map((slot) => {
      if (slot.busy) slot.kill(`job still running ${timeoutMs} ms after shutdown began`);
      return slot.shutdown(SHUTDOWN_WAIT_MS);
    });
    await Promise.all(exits);
  }

  async #spawn(): Promise<ReadyInfo> {
    const slot = new WorkerSlot(this.#options.workerUrl ?? DEFAULT_WORKER_URL, {
      settings: this.#options.settings,
      jobTimeoutMs: this.#options.jobTimeoutMs,
      events: { onIdle: (idle) => this.#next(idle), onDead: (dead) => this.#replace(dead) },
    });
    this.#slots.push(slot);
    const info = await slot.ready;
    if (this.#closed) {
      void slot.shutdown(SHUTDOWN_WAIT_MS);
      this.#slots.splice(this.#slots.indexOf(slot), 1);
      return info;
    }
    this.#backends.set(slot, info.backend);
    this.#ready.add(slot);
    this.#next(slot);
    return info;
  }

  #replace(dead: WorkerSlot): void {
    this.#slots.splice(this.#slots.indexOf(dead), 1);
    const wasReady = this.#ready.delete(dead);
    this.#backends.delete(dead);
    for (const [key, slot] of this.#affinity) if (slot === dead) this.#affinity.delete(key);
    if (this.#closed) return;
    this.#restarts++;
    // A worker that dies before it is ready would die again at once: retry at a slower pace.
    const timer = setTimeout(() => {
      this.#respawns.delete(timer);
      this.#spawn().catch(() => {});
    }, wasReady ? 0 : 1000);
    this.#respawns.add(timer);
  }

  #idleSlotFor(affinity: string): WorkerSlot | undefined {
    const preferred = this.#affinity.get(affinity);
    if (preferred && this.#ready.has(preferred) && !preferred.busy) return preferred;
    return this.#slots.find((slot) => this.#ready.has(slot) && !slot.busy);
  }

  #next(slot: WorkerSlot): void {
    if (this.#queue.length === 0 || slot.busy || !this.#ready.has(slot)) return;
    const index = this.#pickFor(slot);
    this.#headBypasses = index === 0 ? 0 : this.#headBypasses + 1;
    this.#start(slot, this.#queue.splice(index, 1)[0]);
  }

  /** The queue index `slot` should run next: an affine job near the head, else the head. */
  #pickFor(slot: WorkerSlot): number {
    if (this.#headBypasses >= MAX_HEAD_BYPASSES) return 0;
    const window = Math.min(AFFINITY_WINDOW, this.#queue.length);
    for (let index = 0; index < window; index++) {
      if (this.#affinity.get(this.#queue[index].affinity) === slot) return index;
    }
    return 0;
  }

  #start(slot: WorkerSlot, pending: PendingJob): void {
    let job = pending;
    if (!pending.cpuOnly && this.#backends.get(slot)?.backend === "gpu") {
      job = { ...pending, reject: (error) => this.#retryOnCpu(pending, error) };
    }
    // A split request counts as one job (in `#runBands`), not one per band.
    if (!job.band) this.#jobs++;
    this.#affinity.delete(job.affinity);
    this.#affinity.set(job.affinity, slot);
    if (this.#affinity.size > MAX_AFFINITIES) {
      this.#affinity.delete(this.#affinity.keys().next().value!);
    }
    slot.start(job);
  }

  /** A GPU worker died under `job`: run it once more, first in line, on a CPU path. */
  #retryOnCpu(job: PendingJob, error: Error): void {
    if (!(error instanceof WorkerCrashedError) || this.#closed) return job.reject(error);
    console.error(`GPU worker died during a job, retried once on the CPU: ${error.message}`);
    const retry: PendingJob = {
      ...job,
      cpuOnly: true,
      resolve: (result) => job.resolve({ ...result, fallback: "worker-died" }),
    };
    const slot = this.#idleSlotFor(job.affinity);
    if (slot) this.#start(slot, retry);
    else this.#queue.unshift(retry);
  }

  #count(result: JobResult): void {
    this.#jobsByBackend[result.backend]++;
    if (result.fallback !== undefined) this.#fallbacks++;
  }

  #queueFull(): boolean {
    return this.#queue.length >= this.#options.queueLimit;
  }

  #queueFullError(): QueueFullError {
    return new QueueFullError(this.#options.queueLimit, this.#retryAfter());
  }

  #retryAfter(): number {
    const waitMs = (this.#jobMs * (this.#queue.length + 1)) / this.#options.size;
    return Math.max(1, Math.ceil(waitMs / 1000));
  }
}

/**
 * One answer from the bands of an output: the body the last band encoded, and per stage the
 * slowest band's time (they ran at the same time).
 */
function joinedBands(results: readonly JobResult[]): JobResult {
  const encoded = results.find((result) => result.body.byteLength > 0);
  if (!encoded) throw new Error("No band of a split job encoded the output");
  const slowest = (stage: "readMs" | "decodeMs" | "opsMs") =>
    Math.max(...results.map((result) => result.timings[stage]));
  const fromFile = results.some((result) => result.timings.source === "file");
  return {
    body: encoded.body,
    bands: results.length,
    backend: encoded.backend,
    fallback: results.find((result) => result.fallback !== undefined)?.fallback,
    timings: {
      readMs: slowest("readMs"),
      decodeMs: slowest("decodeMs"),
      opsMs: slowest("opsMs"),
      encodeMs: encoded.timings.encodeMs,
      source: fromFile ? "file" : "lru",
    },
  };
}
