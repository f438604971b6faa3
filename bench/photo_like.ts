import type { Raster } from "../src/ops/mod.ts";

/** Smooth gradients, a few hard-edged discs and noise: compresses roughly like a photograph. */
export function photoLike(width: number, height: number): Raster {
  const data = new Uint8Array(width * height * 4);
  let seed = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const noise = (seed >>> 24) % 9 - 4;
      const disc = ((x % 700) - 350) ** 2 + ((y % 500) - 250) ** 2 < 150 ** 2 ? 60 : 0;
      const index = (y * width + x) * 4;
      data[index] = 128 + 100 * Math.sin(x / 400) + noise + disc;
      data[index + 1] = 128 + 100 * Math.cos(y / 300) + noise;
      data[index + 2] = 128 + 60 * Math.sin((x + y) / 250) + noise - disc;
      data[index + 3] = 255;
    }
  }
  return { width, height, data };
}
