import { activeJpegCodec, encodeImage } from "../src/codecs/mod.ts";
import type { BufferPool, ImageBackend, OpStep, Raster } from "../src/ops/mod.ts";

/** Side of the synthetic picture: large enough for V8 to optimise the kernels' inner loops. */
const SIDE = 512;
/** Runs of each path; the kernels reach V8's optimising compiler within these. */
const ROUNDS = 3;

/**
 * Reductions (area averages) by more and by less than 2, which take different kernels, and an
 * enlargement (Lanczos-3).
 */
const WARM_STEPS: readonly (readonly OpStep[])[] = [
  [{ op: "resize", region: { x: 0, y: 0, width: SIDE, height: SIDE }, width: 211, height: 211 }],
  [{ op: "resize", region: { x: 0, y: 0, width: SIDE, height: SIDE }, width: 419, height: 419 }],
  [{ op: "resize", region: { x: 0, y: 0, width: 128, height: 128 }, width: 300, height: 300 }],
];

/**
 * Runs what a typical job runs on a small synthetic picture before the worker reports ready: a
 * JPEG encode and a DCT-scaled decode through the active codec, and the resampling kernels on the
 * CPU. A server's first request otherwise pays for V8 compiling the kernels and for the
 * codec's first calls: the first `!1024,1024` of a 100 MP pyramid after a start took 93 ms, the
 * next one 55 ms.
 *
 * @param cpu The worker's CPU backend (the GPU backend compiles its pipelines when created).
 * @param pool Where the picture's buffer comes from; it is returned there.
 */
export async function warmUp(cpu: ImageBackend, pool: BufferPool): Promise<void> {
  const picture = syntheticPicture(SIDE, SIDE, pool.acquire(SIDE * SIDE * 4));
  try {
    const codec = activeJpegCodec();
    for (let round = 0; round < ROUNDS; round++) {
      const jpeg = await encodeImage(picture, {
        format: "jpg",
        quality: "default",
        jpegQuality: 85,
        subsampling: "420",
      });
      const scale = codec.scales.at(-1) ?? 1;
      pool.release((await codec.decode(jpeg, scale, (n) => pool.acquire(n))).data);
      for (const steps of WARM_STEPS) cpu.release(await cpu.run(picture, steps));
    }
  } finally {
    pool.release(picture.data);
  }
}

/**
 * A `width`×`height` opaque picture of gradients with some texture, so the JPEG coder and the
 * filters take their usual branches; written into `data` when given (a pooled buffer).
 */
export function syntheticPicture(
  width: number,
  height: number,
  data: Uint8Array = new Uint8Array(width * height * 4),
): Raster {
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const texture = (x ^ y) & 15;
      const at = (y * width + x) * 4;
      data[at] = (x * 240) / width + texture;
      data[at + 1] = (y * 240) / height + texture;
      data[at + 2] = ((x + y) * 120) / (width + height) + 64 + texture;
      data[at + 3] = 255;
    }
  }
  return { width, height, data };
}
