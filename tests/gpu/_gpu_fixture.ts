/**
 * How GPU tests run: on the WebGPU adapter of the machine (Mesa's llvmpipe on CI), never
 * skipped quietly. Without an adapter every GPU test fails and says why, unless
 * `TESSERA_GPU_TESTS=skip` is set, in which case they are ignored after a loud warning.
 *
 * @module
 */
import { GpuBackend, type GpuBackendOptions, probeGpuAdapter } from "../../src/gpu/mod.ts";
import type { Raster } from "../../src/ops/mod.ts";

const SKIP = Deno.env.get("TESSERA_GPU_TESTS") === "skip";

if (SKIP) {
  console.warn(
    "\n!!! TESSERA_GPU_TESTS=skip: every GPU test is IGNORED. The WebGPU backend is NOT tested.\n",
  );
}

let adapterChecked: Promise<void> | undefined;

/** Fails with instructions when WebGPU has no adapter. */
function requireAdapter(): Promise<void> {
  adapterChecked ??= probeGpuAdapter().then((adapter) => {
    if (adapter === undefined) {
      throw new Error(
        "NO WebGPU ADAPTER: the GPU tests need one (on CI, Mesa's llvmpipe through EGL: " +
          "apt-get install libegl-mesa0 libgl1-mesa-dri). " +
          "Set TESSERA_GPU_TESTS=skip to skip them explicitly.",
      );
    }
  });
  return adapterChecked;
}

/**
 * A test that needs the GPU. The op and resource sanitizers are off: a device keeps a pending
 * `lost` promise for its whole life, which is not a leak of the test.
 */
export function gpuTest(name: string, fn: () => Promise<void>): void {
  Deno.test({
    name,
    ignore: SKIP,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      await requireAdapter();
      await fn();
    },
  });
}

/** One backend per test file, created on first use with `options`. */
export function sharedGpu(options: Partial<GpuBackendOptions> = {}): () => Promise<GpuBackend> {
  let created: Promise<GpuBackend> | undefined;
  return () => {
    created ??= GpuBackend.create({ sourceCacheBytes: 64 << 20, timeoutMs: 60_000, ...options });
    return created;
  };
}

/**
 * A `width`×`height` raster like a photograph with an alpha channel: smooth gradients, fine
 * deterministic noise, hard edges and transparent patches, so no kernel meets only easy pixels.
 */
export function photoRaster(width: number, height: number): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 4) {
      const noise = Math.imul(i + 1, 2654435761) >>> 28;
      const edge = ((x >> 4) + (y >> 4)) % 2 === 0 ? 40 : 0;
      data[i] = (x * 255 / width + noise + edge) & 255;
      data[i + 1] = (y * 255 / height + noise) & 255;
      data[i + 2] = ((x + y) * 3 + edge) & 255;
      data[i + 3] = (x * 7 + y * 3) % 97 < 10 ? 0 : (x * 13 + y) % 51 < 8 ? 128 : 255;
    }
  }
  return { width, height, data };
}

/** A copy of `raster`'s image bytes, safe to keep after the raster is released. */
export function copyOf(raster: Raster): Raster {
  const { width, height } = raster;
  return { width, height, data: raster.data.slice(0, width * height * 4) };
}
