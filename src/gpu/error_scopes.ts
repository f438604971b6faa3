import { type GpuFailure, GpuJobError } from "./gpu_errors.ts";

/** The error filters a job watches, pushed in this order and popped in reverse. */
const FILTERS: readonly GPUErrorFilter[] = ["validation", "out-of-memory", "internal"];

/**
 * Runs `encode` (which creates buffers, encodes and submits) inside error scopes for validation,
 * out-of-memory and internal errors, so a device error becomes a {@linkcode GpuJobError} of this
 * job instead of an uncaptured error logged by the runtime. The scopes are popped even when
 * `encode` throws, so the device's scope stack stays balanced for the next job. A scope's error
 * wins over what `encode` threw, which it usually caused.
 *
 * @throws {GpuJobError} With the filter's name as reason when a scope caught an error.
 */
export async function withErrorScopes<T>(device: GPUDevice, encode: () => T): Promise<T> {
  for (const filter of FILTERS) device.pushErrorScope(filter);
  let outcome: { value: T } | { error: unknown };
  try {
    outcome = { value: encode() };
  } catch (error) {
    outcome = { error };
  }
  const errors: (GPUError | null)[] = [];
  for (let i = FILTERS.length - 1; i >= 0; i--) errors[i] = await device.popErrorScope();
  const index = errors.findIndex((error) => error !== null);
  if (index >= 0) {
    const reason = FILTERS[index] as GpuFailure;
    throw new GpuJobError(reason, `GPU ${reason} error: ${errors[index]!.message}`);
  }
  if ("error" in outcome) throw outcome.error;
  return outcome.value;
}
