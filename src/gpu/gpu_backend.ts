import {
  type BackendName,
  BufferPool,
  checkRaster,
  type ImageBackend,
  type OpStep,
  type Raster,
  type RunOptions,
  stepsOrCopy,
} from "../ops/mod.ts";
import { type GpuAdapterSummary, openDevice } from "./adapter.ts";
import { DeviceBufferPool } from "./device_buffer_pool.ts";
import { withErrorScopes } from "./error_scopes.ts";
import { GpuJobError, GpuUnavailableError } from "./gpu_errors.ts";
import {
  type BufferRole,
  type DeviceLimits,
  type JobPlan,
  planJob,
  type PlannedMark,
} from "./job_plan.ts";
import { compileKernels, type KernelName } from "./kernels.ts";
import { mapForReading } from "./mapped_read.ts";
import { ResidentSources } from "./resident_sources.ts";

/** Options of {@linkcode GpuBackend.create}. */
export interface GpuBackendOptions {
  /** Where results are read back to (and go back to with `release`). */
  readonly pool?: BufferPool;
  /** Bytes of decoded sources kept on the device by `sourceKey` (`gpu_cache_bytes`). */
  readonly sourceCacheBytes: number;
  /** How long a job may wait for its results before it fails with `timeout`. */
  readonly timeoutMs: number;
  /** Bytes of idle device buffers kept for reuse; 512 MiB when left out. */
  readonly pooledBytes?: number;
  /**
   * Limits to plan with instead of the device's. Tests lower `bindingBytes` to force banded
   * resizes on small images, or raise it to provoke a real validation error.
   */
  readonly limits?: Partial<DeviceLimits>;
}

/** Where the last job's time went. */
export interface GpuPhaseTimings {
  /** Acquiring the job's buffers and writing the source (unless resident), tables and uniforms. */
  readonly uploadMs: number;
  /** Encoding and submitting, until the results are mapped (the device's work and its copy). */
  readonly dispatchMs: number;
  /** Copying the mapped results into a host raster and unmapping. */
  readonly readbackMs: number;
  /** Source bytes written to the device: 0 when the source was resident. */
  readonly uploadedBytes: number;
}

/** Usage sets of the job buffers. */
const STORAGE_IN = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
const STORAGE_OUT = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC;
const UNIFORMS = GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST;
const STAGING = GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST;
/**
 * Large sources are written in chunks: on llvmpipe one 96 MB `writeBuffer` took ~350 ms and the
 * same bytes in 4 MB chunks ~30 ms (../shared/measurements.md).
 */
const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;
/** Bytes bound per dispatch's uniforms: every kernel's `Params` fits. */
const UNIFORM_BYTES = 64;
/** Room for a full-size 6000×4000 job's source, output and staging buffers (about 300 MB). */
const DEFAULT_POOLED_BYTES = 512 * 1024 * 1024;

/**
 * The {@linkcode ImageBackend} of WGSL compute shaders (`shaders/`): one device per instance
 * (one per worker), a whole plan encoded in one command buffer and submitted once, buffers
 * pooled by size class, sources optionally kept resident by key. Jobs run one after another.
 *
 * Every device problem surfaces as a {@linkcode GpuJobError} whose `reason` says what happened,
 * so the caller can re-run the job on the CPU; bad steps are rejected with the same
 * `RangeError`s as the CPU backend, before the device is touched.
 */
export class GpuBackend implements ImageBackend {
  readonly name: BackendName = "gpu";
  readonly adapter: GpuAdapterSummary;
  readonly #device: GPUDevice;
  readonly #kernels: ReadonlyMap<KernelName, GPUComputePipeline>;
  readonly #limits: DeviceLimits;
  readonly #pool: BufferPool;
  readonly #buffers: DeviceBufferPool;
  readonly #resident: ResidentSources;
  readonly #marks = new Map<string, { readonly raster: Raster; readonly buffer: GPUBuffer }>();
  readonly #timeoutMs: number;
  readonly #uniformStride: number;
  #lost: string | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #lastTimings: GpuPhaseTimings | undefined;

  private constructor(
    opened: { device: GPUDevice; adapter: GpuAdapterSummary },
    kernels: ReadonlyMap<KernelName, GPUComputePipeline>,
    options: GpuBackendOptions,
  ) {
    const { device } = opened;
    this.adapter = opened.adapter;
    this.#device = device;
    this.#kernels = kernels;
    this.#limits = { ...limitsOf(device), ...options.limits };
    this.#pool = options.pool ?? new BufferPool();
    this.#buffers = new DeviceBufferPool(device, {
      maxIdleBytes: options.pooledBytes ?? DEFAULT_POOLED_BYTES,
    });
    this.#resident = new ResidentSources(this.#buffers, options.sourceCacheBytes);
    this.#timeoutMs = options.timeoutMs;
    this.#uniformStride = Math.max(UNIFORM_BYTES, device.limits.minUniformBufferOffsetAlignment);
    device.lost.then((info) => this.#lost ??= `${info.reason}: ${info.message}`);
  }

  /**
   * Opens a device and compiles every kernel.
   *
   * @throws {GpuUnavailableError} Without an adapter, or if the device or a kernel fails.
   */
  static async create(options: GpuBackendOptions): Promise<GpuBackend> {
    const opened = await openDevice();
    try {
      return new GpuBackend(opened, await compileKernels(opened.device), options);
    } catch (error) {
      opened.device.destroy();
      throw new GpuUnavailableError(`Cannot compile the GPU kernels: ${error}`, { cause: error });
    }
  }

  /** Phase timings of the last successful job. */
  get lastTimings(): GpuPhaseTimings | undefined {
    return this.#lastTimings;
  }

  /**
   * Runs `steps` on `source` and resolves to a raster on a buffer of the pool. With a
   * `sourceKey` the uploaded source stays on the device for the next job with that key.
   *
   * @returns A promise rejected with `RangeError`/`TypeError` for bad input (as the CPU backend)
   * and with {@linkcode GpuJobError} for anything the device could not do.
   */
  run(source: Raster, steps: readonly OpStep[], options: RunOptions = {}): Promise<Raster> {
    const job = this.#queue.then(() => this.#run(source, steps, options));
    this.#queue = job.catch(() => {});
    return job;
  }

  /** Returns a raster produced by `run` to the pool. */
  release(raster: Raster): void {
    this.#pool.release(raster.data);
  }

  /** Resident sources and idle device buffers. */
  stats(): { residentSources: number; residentBytes: number; pooledBytes: number } {
    return { ...this.#resident.stats, pooledBytes: this.#buffers.idleBytes };
  }

  /** Frees every device buffer and destroys the device; later jobs fail with `device-lost`. */
  destroy(): void {
    this.#lost ??= "destroyed";
    this.#resident.clear();
    for (const { buffer } of this.#marks.values()) buffer.destroy();
    this.#marks.clear();
    this.#buffers.clear();
    this.#device.destroy();
  }

  async #run(source: Raster, steps: readonly OpStep[], options: RunOptions): Promise<Raster> {
    checkRaster(source);
    const plan = planJob(source, stepsOrCopy(source, steps), this.#limits, options.watermarks);
    if (this.#lost !== undefined) throw this.#lostError();
    try {
      return await this.#execute(source, plan, options);
    } catch (error) {
      if (this.#lost !== undefined) throw this.#lostError(error);
      if (!(error instanceof GpuJobError)) {
        throw new GpuJobError("internal", `GPU job failed: ${error}`, { cause: error });
      }
      // A job that timed out may still hold its buffers on the device: retire the device.
      if (error.reason === "timeout") this.#lost = "a job timed out";
      throw error;
    }
  }

  async #execute(source: Raster, plan: JobPlan, options: RunOptions): Promise<Raster> {
    const buffers: JobBuffers = { roles: {}, pooled: [], uploadedBytes: 0 };
    try {
      const raster = await this.#encodeAndRead(source, plan, buffers, options);
      for (const buffer of buffers.pooled) this.#buffers.release(buffer);
      return raster;
    } catch (error) {
      // The device may still be using them, or they may be invalid: never reuse them.
      for (const buffer of buffers.pooled) buffer.destroy();
      throw error;
    }
  }

  async #encodeAndRead(
    source: Raster,
    plan: JobPlan,
    buffers: JobBuffers,
    options: RunOptions,
  ): Promise<Raster> {
    const started = performance.now();
    const uploaded = await withErrorScopes(this.#device, () => {
      this.#upload(source, plan, buffers, options);
      const uploaded = performance.now();
      this.#submit(plan, buffers);
      return uploaded;
    });
    const { width, height } = plan.output;
    const bytes = width * height * 4;
    await mapForReading(buffers.staging!, bytes, this.#timeoutMs);
    const mapped = performance.now();
    const data = this.#pool.acquire(bytes);
    data.set(new Uint8Array(buffers.staging!.getMappedRange(0, bytes)));
    buffers.staging!.unmap();
    this.#lastTimings = {
      uploadMs: uploaded - started,
      dispatchMs: mapped - uploaded,
      readbackMs: performance.now() - mapped,
      uploadedBytes: buffers.uploadedBytes,
    };
    return { width, height, data };
  }

  /**
   * Acquires every buffer of `plan` into `buffers` and writes the source, mark, tables and
   * uniforms.
   */
  #upload(source: Raster, plan: JobPlan, buffers: JobBuffers, options: RunOptions): void {
    buffers.roles.source = this.#sourceBuffer(source, options.sourceKey, buffers);
    if (plan.mark !== undefined) buffers.roles.mark = this.#markBuffer(plan.mark);
    if (plan.bytes.tables > 0) {
      const tables = this.#acquire(buffers, STORAGE_IN, plan.bytes.tables);
      this.#device.queue.writeBuffer(tables, 0, plan.tables);
      buffers.roles.tables = tables;
    }
    for (const role of ["sums", "even", "odd"] as const) {
      const bytes = plan.bytes[role];
      if (bytes > 0) buffers.roles[role] = this.#acquire(buffers, STORAGE_OUT, bytes);
    }
    const { width, height } = plan.output;
    buffers.staging = this.#acquire(buffers, STAGING, width * height * 4);
    buffers.uniforms = this.#uniforms(plan, buffers);
  }

  #sourceBuffer(source: Raster, key: string | undefined, buffers: JobBuffers): GPUBuffer {
    const resident = key === undefined ? undefined : this.#resident.get(key);
    if (resident !== undefined) return resident;
    const bytes = source.width * source.height * 4;
    const buffer = this.#buffers.acquire(STORAGE_IN, bytes);
    for (let at = 0; at < bytes; at += UPLOAD_CHUNK_BYTES) {
      // Decoded and pooled rasters are never on a SharedArrayBuffer.
      const data = source.data as Uint8Array<ArrayBuffer>;
      const chunk = data.subarray(at, Math.min(bytes, at + UPLOAD_CHUNK_BYTES));
      this.#device.queue.writeBuffer(buffer, at, chunk);
    }
    buffers.uploadedBytes = bytes;
    if (key !== undefined && this.#resident.fits(buffer.size)) this.#resident.set(key, buffer);
    else buffers.pooled.push(buffer);
    return buffer;
  }

  /**
   * The device copy of a mark, uploaded on its first job and kept under its key for as long as
   * jobs pass the same raster (a worker passes the one it got at start). Apart from the resident
   * sources, so that keeping a mark never evicts the source of the job in hand; a server has at
   * most one mark per profile.
   */
  #markBuffer({ key, raster: mark }: PlannedMark): GPUBuffer {
    const kept = this.#marks.get(key);
    if (kept?.raster === mark) return kept.buffer;
    // Jobs run one at a time, so no job still reads a replaced copy.
    if (kept !== undefined) this.#buffers.release(kept.buffer);
    const bytes = mark.width * mark.height * 4;
    const buffer = this.#buffers.acquire(STORAGE_IN, bytes);
    const data = mark.data as Uint8Array<ArrayBuffer>;
    this.#device.queue.writeBuffer(buffer, 0, data.subarray(0, bytes));
    this.#marks.set(key, { raster: mark, buffer });
    return buffer;
  }

  /** One uniform slot per dispatch, each at the device's offset alignment. */
  #uniforms(plan: JobPlan, buffers: JobBuffers): GPUBuffer {
    const words = new Uint32Array((plan.dispatches.length * this.#uniformStride) / 4);
    plan.dispatches.forEach((d, i) => words.set(d.params, (i * this.#uniformStride) / 4));
    const uniforms = this.#acquire(buffers, UNIFORMS, words.byteLength);
    this.#device.queue.writeBuffer(uniforms, 0, words);
    return uniforms;
  }

  /** Encodes every dispatch in one compute pass, then the copy to staging; submits once. */
  #submit(plan: JobPlan, buffers: JobBuffers): void {
    const device = this.#device;
    const encoder = device.createCommandEncoder({ label: "tessera job" });
    const pass = encoder.beginComputePass();
    plan.dispatches.forEach((d, i) => {
      const pipeline = this.#kernels.get(d.kernel)!;
      const entries: GPUBindGroupEntry[] = [{
        binding: 0,
        resource: {
          buffer: buffers.uniforms!,
          offset: i * this.#uniformStride,
          size: UNIFORM_BYTES,
        },
      }];
      d.bindings.forEach((b, j) => {
        const buffer = buffers.roles[b.role]!;
        const size = b.size ?? plan.bytes[b.role];
        entries.push({ binding: j + 1, resource: { buffer, offset: b.offset ?? 0, size } });
      });
      pass.setPipeline(pipeline);
      pass.setBindGroup(
        0,
        device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries }),
      );
      pass.dispatchWorkgroups(d.groups[0], d.groups[1]);
    });
    pass.end();
    const { role, width, height } = plan.output;
    encoder.copyBufferToBuffer(buffers.roles[role]!, 0, buffers.staging!, 0, width * height * 4);
    device.queue.submit([encoder.finish()]);
  }

  #acquire(buffers: JobBuffers, usage: GPUBufferUsageFlags, bytes: number): GPUBuffer {
    const buffer = this.#buffers.acquire(usage, bytes);
    buffers.pooled.push(buffer);
    return buffer;
  }

  #lostError(cause?: unknown): GpuJobError {
    if (cause instanceof GpuJobError && cause.reason === "device-lost") return cause;
    return new GpuJobError("device-lost", `GPU device unusable (${this.#lost})`, { cause });
  }
}

/**
 * The buffers of one job: `pooled` go back to the pool once its results are read (a resident
 * source is not among them), or are destroyed if it fails.
 */
interface JobBuffers {
  readonly roles: Partial<Record<BufferRole, GPUBuffer>>;
  readonly pooled: GPUBuffer[];
  uniforms?: GPUBuffer;
  staging?: GPUBuffer;
  /** Source bytes written to the device: 0 when the source was resident. */
  uploadedBytes: number;
}

function limitsOf(device: GPUDevice): DeviceLimits {
  const limits = device.limits;
  return {
    bindingBytes: limits.maxStorageBufferBindingSize,
    bufferBytes: limits.maxBufferSize,
    storageAlignment: limits.minStorageBufferOffsetAlignment,
    maxWorkgroups: limits.maxComputeWorkgroupsPerDimension,
  };
}
