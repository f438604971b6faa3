/**
 * Why a GPU job failed:
 * - `validation`, `out-of-memory`, `internal`: the device reported it through an error scope.
 * - `timeout`: the results were not ready within the job timeout.
 * - `device-lost`: the device was destroyed or lost before or during the job.
 * - `too-large`: the plan needs a buffer or a dispatch beyond the device's limits; the device is
 *   fine, only this job belongs on the CPU.
 */
export type GpuFailure =
  | "validation"
  | "out-of-memory"
  | "internal"
  | "timeout"
  | "device-lost"
  | "too-large";

/** A GPU job that could not give a correct result; the caller re-runs it on the CPU. */
export class GpuJobError extends Error {
  readonly reason: GpuFailure;

  constructor(reason: GpuFailure, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "GpuJobError";
    this.reason = reason;
  }
}

/** No WebGPU adapter or device could be had. */
export class GpuUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "GpuUnavailableError";
  }
}
