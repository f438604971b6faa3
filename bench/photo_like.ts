import type { Raster } from "../src/ops/mod.ts";

/**
 * Smooth gradients, hard-edged discs, fine texture and sensor-like noise. The texture and noise
 * are tuned so a 6000×4000 JPEG at quality 90 is about 6 MB, like a camera photograph: the
 * entropy decoder then does a photograph's work, which is most of a decode's time.
 */
export function photoLike(width: number, height: number): Raster {
  const data = new Uint8Array(width * height * 4);
  let seed = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const noise = ((seed >>> 24) % 13) - 6;
      const texture = 12 * Math.sin(x / 3.1 + Math.sin(y / 7.3) * 2) * Math.cos(y / 4.7);
      const disc = ((x % 700) - 350) ** 2 + ((y % 500) - 250) ** 2 < 150 ** 2 ? 60 : 0;
      const index = (y * width + x) * 4;
      data[index] = 128 + 90 * Math.sin(x / 400) + noise + texture + disc;
      data[index + 1] = 128 + 90 * Math.cos(y / 300) + noise + texture;
      data[index + 2] = 128 + 50 * Math.sin((x + y) / 250) + noise - texture - disc;
      data[index + 3] = 255;
    }
  }
  return { width, height, data };
}
