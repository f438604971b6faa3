import { GpuUnavailableError } from "./gpu_errors.ts";

/**
 * What identifies a WebGPU adapter, as a plain object (it crosses from a worker in the `ready`
 * message and appears in `/status`).
 */
export interface GpuAdapterSummary {
  readonly description: string;
  readonly vendor: string;
  readonly architecture: string;
  /** True for adapters the implementation itself calls a fallback (software) adapter. */
  readonly isFallbackAdapter: boolean;
}

/** Finds the adapter WebGPU would use; `undefined` without one or without WebGPU. Never throws. */
export async function probeGpuAdapter(): Promise<GpuAdapterSummary | undefined> {
  try {
    const adapter = await navigator.gpu?.requestAdapter({ powerPreference: "high-performance" });
    return adapter ? summarise(adapter) : undefined;
  } catch {
    return undefined;
  }
}

/** A device and the adapter it came from. */
export interface OpenedDevice {
  readonly device: GPUDevice;
  readonly adapter: GpuAdapterSummary;
}

/**
 * Creates a device asking for the adapter's largest buffer and storage-binding sizes (the
 * defaults are smaller than what the hardware allows).
 *
 * @throws {GpuUnavailableError} Without an adapter, or if the device cannot be created.
 */
export async function openDevice(): Promise<OpenedDevice> {
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: "high-performance" });
  if (!adapter) throw new GpuUnavailableError("Cannot use the GPU: WebGPU finds no adapter");
  try {
    const { maxBufferSize, maxStorageBufferBindingSize } = adapter.limits;
    const device = await adapter.requestDevice({
      requiredLimits: { maxBufferSize, maxStorageBufferBindingSize },
    });
    return { device, adapter: summarise(adapter) };
  } catch (error) {
    throw new GpuUnavailableError(`Cannot create a GPU device: ${error}`, { cause: error });
  }
}

function summarise(adapter: GPUAdapter): GpuAdapterSummary {
  const info = adapter.info;
  // Older Deno releases keep the flag on the adapter, newer ones on its info.
  const fallback = (info as { isFallbackAdapter?: boolean }).isFallbackAdapter ??
    (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false;
  return {
    description: info.description,
    vendor: info.vendor,
    architecture: info.architecture,
    isFallbackAdapter: fallback,
  };
}
