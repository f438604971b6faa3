import type { BackendName, ImageBackend, RunOptions } from "./backend.ts";
import { BufferPool } from "./buffer_pool.ts";
import { bitonal } from "./cpu/bitonal.ts";
import { flatten } from "./cpu/flatten.ts";
import { gray } from "./cpu/gray.ts";
import { mirror } from "./cpu/mirror.ts";
import { resize } from "./cpu/resize.ts";
import { rotate } from "./cpu/rotate.ts";
import { rotate90 } from "./cpu/rotate90.ts";
import { watermark } from "./cpu/watermark.ts";
import type { OpStep } from "./op_step.ts";
import type { Raster } from "./raster.ts";
import { checkRaster, stepsOrCopy, unknownStep, watermarkOf } from "./run_input.ts";

/** Options of {@linkcode CpuBackend}. */
export interface CpuBackendOptions {
  /** Where rasters come from and go back to; a pool with default options when left out. */
  readonly pool?: BufferPool;
}

/**
 * The {@linkcode ImageBackend} made of TypeScript kernels (`src/ops/cpu/`), one per operation.
 * Every step writes a new raster on a pooled buffer and the previous intermediate goes back to the
 * pool at once, so a plan holds at most two rasters besides the source.
 */
export class CpuBackend implements ImageBackend {
  readonly name: BackendName = "cpu";
  readonly #pool: BufferPool;

  /** Uses `options.pool`, so that several backends or callers can share idle buffers. */
  constructor(options: CpuBackendOptions = {}) {
    this.#pool = options.pool ?? new BufferPool();
  }

  /**
   * Runs `steps` in order on `source` and resolves to a raster on a pooled buffer, never to
   * `source` itself: with no steps it is a copy, so releasing the result cannot harm the source.
   *
   * @returns A promise rejected with a `RangeError` if the source's sides are not positive
   * integers or its data is shorter than they say, or if a step's parameters are out of range
   * (see the kernels) or a `watermark` step names no image of `options.watermarks`, and with a
   * `TypeError` for an unknown op.
   */
  run(source: Raster, steps: readonly OpStep[], options: RunOptions = {}): Promise<Raster> {
    try {
      return Promise.resolve(this.#runSteps(source, steps, options));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Returns a raster produced by `run` to the pool; its data must not be used afterwards. */
  release(raster: Raster): void {
    this.#pool.release(raster.data);
  }

  #runSteps(source: Raster, steps: readonly OpStep[], options: RunOptions): Raster {
    checkRaster(source);
    let current = source;
    try {
      for (const step of stepsOrCopy(source, steps)) {
        const next = this.#apply(current, step, options);
        if (current !== source) this.#pool.release(current.data);
        current = next;
      }
    } catch (error) {
      if (current !== source) this.#pool.release(current.data);
      throw error;
    }
    return current;
  }

  #apply(raster: Raster, step: OpStep, options: RunOptions): Raster {
    const pool = this.#pool;
    switch (step.op) {
      case "resize":
        return resize(raster, pool, step);
      case "mirror":
        return mirror(raster, pool);
      case "rotate90":
        return rotate90(raster, pool, step);
      case "rotate":
        return rotate(raster, pool, step);
      case "flatten":
        return flatten(raster, pool);
      case "gray":
        return gray(raster, pool);
      case "bitonal":
        return bitonal(raster, pool, step);
      case "watermark":
        return watermark(raster, pool, { ...step, mark: watermarkOf(step, options.watermarks) });
      default:
        return unknownStep(step);
    }
  }
}
