import type {
  BackendName,
  BufferPool,
  ImageBackend,
  OpStep,
  Raster,
  RunOptions,
} from "../ops/mod.ts";
import { type BackendCosts, measureCosts, predictMs, workOf } from "./backend_costs.ts";
import type { BackendChoice } from "./backend_choice.ts";
import { type GpuAdapterSummary, type GpuBackend, GpuJobError } from "./mod.ts";

/** What a run made, and with what. */
export interface SwitchedRun {
  readonly raster: Raster;
  readonly backend: BackendName;
  /**
   * Why a job meant for the GPU ran on the CPU, when it did: a `GpuFailure` reason, or
   * `gpu-unavailable` while the device waits to be recreated (the log says why).
   */
  readonly fallback?: string;
}

/** What {@linkcode SwitchingBackend.start} needs. */
export interface SwitchingBackendOptions {
  readonly choice: BackendChoice;
  /** The CPU backend; GPU results are read back into the same buffer pool. */
  readonly cpu: ImageBackend;
  /** Creates a GPU backend (at start and after a failure); its results must use `pool`. */
  readonly createGpu: () => Promise<GpuBackend>;
  readonly pool: BufferPool;
  /** Where GPU failures are reported (default `console.error`). */
  readonly log?: (message: string) => void;
  /**
   * The first wait before a failed device is recreated (default 5 s); it doubles while
   * recreation keeps failing, up to 5 minutes.
   */
  readonly firstRetryMs?: number;
}

const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 300_000;

/**
 * A worker's backend: the CPU kernels, the GPU, or both with each job sent where its measured
 * cost is lower (see {@linkcode BackendChoice}). A GPU job that fails (`GpuJobError`: validation,
 * out of memory, timeout, device lost) is re-run on the CPU, so the client still gets a correct
 * image and the result says it fell back; the device is then destroyed and recreated on a later
 * job, after a wait that doubles while recreation keeps failing.
 */
export class SwitchingBackend {
  readonly choice: BackendChoice;
  readonly #options: SwitchingBackendOptions;
  #gpu: GpuBackend | undefined;
  #adapter: GpuAdapterSummary | undefined;
  #costs: { readonly cpu: BackendCosts; readonly gpu: BackendCosts } | undefined;
  #retryAt = 0;
  #retryMs: number;

  private constructor(options: SwitchingBackendOptions) {
    this.choice = options.choice;
    this.#options = options;
    this.#retryMs = options.firstRetryMs ?? FIRST_RETRY_MS;
  }

  /**
   * Creates the GPU backend when the choice needs one and, for `measure`, the costs of both.
   *
   * @throws {GpuUnavailableError} The GPU is needed but no device can be created.
   */
  static async start(options: SwitchingBackendOptions): Promise<SwitchingBackend> {
    const backend = new SwitchingBackend(options);
    if (options.choice.use === "cpu") return backend;
    backend.#setGpu(await options.createGpu());
    if (options.choice.use === "measure") {
      backend.#costs = {
        cpu: await measureCosts(options.cpu),
        gpu: await measureCosts(backend.#gpu!),
      };
    }
    return backend;
  }

  /** The backend jobs go to by default: `gpu` when a device is in use. */
  get name(): BackendName {
    return this.choice.use === "cpu" ? "cpu" : "gpu";
  }

  /** The adapter of the GPU device, when one was created. */
  get adapter(): GpuAdapterSummary | undefined {
    return this.#adapter;
  }

  /** The measured costs behind `measure` routing. */
  get costs(): { readonly cpu: BackendCosts; readonly gpu: BackendCosts } | undefined {
    return this.#costs;
  }

  /**
   * Runs `steps` on the backend this job belongs to; `cpuOnly` forces the CPU (a retry after a
   * worker died during a GPU job). Errors that are not GPU failures (bad steps) are thrown as the
   * CPU would throw them.
   */
  async run(
    source: Raster,
    steps: readonly OpStep[],
    options: RunOptions & { readonly cpuOnly?: boolean } = {},
  ): Promise<SwitchedRun> {
    const job = (backend: ImageBackend) => backend.run(source, steps, options);
    if (this.choice.use === "cpu" || options.cpuOnly) return await this.#onCpu(job);
    if (this.#costs && !this.#gpuIsFaster(source, steps)) return await this.#onCpu(job);
    const gpu = await this.#availableGpu();
    if (!gpu) return await this.#onCpu(job, "gpu-unavailable");
    try {
      return { raster: await job(gpu), backend: "gpu" };
    } catch (error) {
      if (!(error instanceof GpuJobError)) throw error;
      // A plan beyond the device's limits says nothing about the device: keep it.
      if (error.reason !== "too-large") this.#dropGpu(error);
      return await this.#onCpu(job, error.reason);
    }
  }

  /** Returns a raster from `run` to the shared pool. */
  release(raster: Raster): void {
    this.#options.pool.release(raster.data);
  }

  /** Destroys the GPU device, if any. */
  close(): void {
    this.#gpu?.destroy();
    this.#gpu = undefined;
  }

  /** Runs `job` on the CPU backend; `fallback` says why when it was meant for the GPU. */
  async #onCpu(
    job: (backend: ImageBackend) => Promise<Raster>,
    fallback?: string,
  ): Promise<SwitchedRun> {
    const raster = await job(this.#options.cpu);
    return fallback === undefined
      ? { raster, backend: "cpu" }
      : { raster, backend: "cpu", fallback };
  }

  #gpuIsFaster(source: Raster, steps: readonly OpStep[]): boolean {
    const work = workOf(source, steps);
    return predictMs(this.#costs!.gpu, work) < predictMs(this.#costs!.cpu, work);
  }

  #setGpu(gpu: GpuBackend): void {
    this.#gpu = gpu;
    this.#adapter = gpu.adapter;
    this.#retryMs = this.#options.firstRetryMs ?? FIRST_RETRY_MS;
  }

  async #availableGpu(): Promise<GpuBackend | undefined> {
    if (this.#gpu || performance.now() < this.#retryAt) return this.#gpu;
    try {
      this.#setGpu(await this.#options.createGpu());
    } catch (error) {
      this.#scheduleRetry();
      this.#log(
        `Cannot recreate the GPU device, jobs stay on the CPU for ${this.#retryMs / 2000} s: ` +
          String(error),
      );
    }
    return this.#gpu;
  }

  #dropGpu(error: GpuJobError): void {
    this.#log(
      `GPU job failed (${error.reason}), re-run on the CPU; device recreated later: ` +
        error.message,
    );
    try {
      this.#gpu?.destroy();
    } finally {
      this.#gpu = undefined;
      this.#scheduleRetry();
    }
  }

  #log(message: string): void {
    (this.#options.log ?? console.error)(message);
  }

  #scheduleRetry(): void {
    this.#retryAt = performance.now() + this.#retryMs;
    this.#retryMs = Math.min(MAX_RETRY_MS, this.#retryMs * 2);
  }
}
