import { GpuJobError } from "./gpu_errors.ts";

/**
 * Maps the first `bytes` of `staging` for reading, waiting at most `timeoutMs` for the submitted
 * work before it; the caller copies the mapped range out and unmaps. On a timeout the buffer is
 * left mapping (the caller must not reuse it) and a late rejection is swallowed.
 *
 * @throws {GpuJobError} `timeout` when the work is not done in time; `device-lost` when the
 * mapping fails because the device went away.
 */
export async function mapForReading(
  staging: GPUBuffer,
  bytes: number,
  timeoutMs: number,
): Promise<void> {
  const mapped = staging.mapAsync(GPUMapMode.READ, 0, bytes);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const outcome = await Promise.race([mapped, expired]);
    if (outcome === "timeout") {
      mapped.catch(() => {});
      throw new GpuJobError("timeout", `GPU results not ready within ${timeoutMs} ms`);
    }
  } catch (error) {
    if (error instanceof GpuJobError) throw error;
    throw new GpuJobError("device-lost", `Cannot map GPU results: ${error}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
