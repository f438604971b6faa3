/** The compute pipelines, one per kernel entry point in `shaders/`. */
export type KernelName =
  | "resizeVertical"
  | "resizeHorizontal"
  | "remap"
  | "rotate"
  | "flatten"
  | "gray"
  | "bitonal"
  | "watermark";

/** Which file and entry point each kernel is, and whether it needs the shared pixel helpers. */
const SOURCES: Readonly<Record<KernelName, { file: string; entry: string; pixels: boolean }>> = {
  resizeVertical: { file: "resize_vertical.wgsl", entry: "main", pixels: true },
  resizeHorizontal: { file: "resize_horizontal.wgsl", entry: "main", pixels: true },
  remap: { file: "remap.wgsl", entry: "main", pixels: false },
  rotate: { file: "rotate.wgsl", entry: "main", pixels: true },
  flatten: { file: "flatten.wgsl", entry: "main", pixels: false },
  gray: { file: "luma.wgsl", entry: "gray", pixels: false },
  bitonal: { file: "luma.wgsl", entry: "bitonal", pixels: false },
  watermark: { file: "watermark.wgsl", entry: "main", pixels: false },
};

/** Every kernel runs 8×8 invocations per workgroup, one per output pixel. */
export const WORKGROUP_SIDE = 8;

/**
 * Reads a shader from `shaders/`, which `deno compile --include shaders/` embeds in the binary,
 * so the same URL works from source and from the compiled server.
 */
function readShader(file: string): Promise<string> {
  return Deno.readTextFile(new URL(`../../shaders/${file}`, import.meta.url));
}

/**
 * Compiles every kernel on `device`. Pipelines are created asynchronously so a slow shader
 * compile does not block the worker's event loop, and once per device, never per job.
 */
export async function compileKernels(
  device: GPUDevice,
): Promise<ReadonlyMap<KernelName, GPUComputePipeline>> {
  const pixels = await readShader("_pixels.wgsl");
  const modules = new Map<string, GPUShaderModule>();
  const pipelines = new Map<KernelName, GPUComputePipeline>();
  for (const [name, { file, entry, pixels: shared }] of Object.entries(SOURCES)) {
    let module = modules.get(file);
    if (module === undefined) {
      const code = await readShader(file);
      module = await compileShader(device, file, shared ? pixels + code : code);
      modules.set(file, module);
    }
    const pipeline = await device.createComputePipelineAsync({
      label: name,
      layout: "auto",
      compute: { module, entryPoint: entry },
    });
    pipelines.set(name as KernelName, pipeline);
  }
  return pipelines;
}

/**
 * Compiles one shader module inside a validation scope, so a broken shader fails with the
 * compiler's own message rather than a later "invalid module".
 */
async function compileShader(
  device: GPUDevice,
  file: string,
  code: string,
): Promise<GPUShaderModule> {
  device.pushErrorScope("validation");
  const module = device.createShaderModule({ label: file, code });
  const error = await device.popErrorScope();
  if (error !== null) throw new Error(`Cannot compile shaders/${file}: ${error.message}`);
  return module;
}
