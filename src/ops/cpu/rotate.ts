import type { BufferPool } from "../buffer_pool.ts";
import type { OpStep } from "../op_step.ts";
import type { Raster } from "../raster.ts";
import { rotatedSize } from "../rotated_size.ts";
import { pixelWords } from "./_pixel_words.ts";
import { pooledRaster } from "./_pooled_raster.ts";
import { unpremultiply } from "./_unpremultiply.ts";

/** The parameters of a `rotate` step. */
export type RotateParams = Pick<Extract<OpStep, { op: "rotate" }>, "degrees" | "background">;

/**
 * The `rotate` step: a clockwise rotation by `degrees` into the bounding box of
 * {@linkcode rotatedSize}. Each output pixel centre is mapped back through the inverse rotation
 * about the two centres and sampled bilinearly; samples outside the source count as the
 * background, so the edges come out antialiased. Blending is done on premultiplied alpha, so a
 * transparent background darkens no edge.
 *
 * @returns A new raster on a buffer from `pool`; `source` is not modified.
 * @throws {RangeError} If `degrees` is not finite.
 */
export function rotate(source: Raster, pool: BufferPool, params: RotateParams): Raster {
  const { width, height } = rotatedSize(source.width, source.height, params.degrees);
  const output = pooledRaster(pool, width, height);
  const radians = (params.degrees * Math.PI) / 180;
  const turn: Turn = {
    from: pixelWords(source),
    sourceWidth: source.width,
    sourceHeight: source.height,
    to: pixelWords(output),
    width,
    height,
    cos: Math.cos(radians),
    sin: Math.sin(radians),
    background: params.background === "white" ? -1 : 0,
  };
  for (let y = 0; y < height; y++) rotateRow(turn, y);
  return output;
}

/** What every row of one `rotate` call shares. */
interface Turn {
  readonly from: Int32Array;
  readonly sourceWidth: number;
  readonly sourceHeight: number;
  readonly to: Int32Array;
  readonly width: number;
  readonly height: number;
  readonly cos: number;
  readonly sin: number;
  /** The RGBA word of the background. */
  readonly background: number;
}

/**
 * Output row `y`: each pixel centre is turned back counter-clockwise into the source (in index
 * space, where pixel j's centre is at j) and its four neighbours blended, premultiplied. The
 * sampling is written out inline: a call per pixel would box its coordinates on the heap.
 */
function rotateRow(turn: Turn, y: number): void {
  const { from, sourceWidth: w, sourceHeight: h, to, width, cos, sin, background } = turn;
  const dy = y + 0.5 - turn.height / 2;
  for (let x = 0, o = y * width; x < width; x++, o++) {
    const dx = x + 0.5 - width / 2;
    const sx = dx * cos + dy * sin + w / 2 - 0.5;
    const sy = dy * cos - dx * sin + h / 2 - 0.5;
    if (sx <= -1 || sy <= -1 || sx >= w || sy >= h) {
      to[o] = background;
      continue;
    }
    const x0 = Math.floor(sx);
    const y0 = Math.floor(sy);
    const i = y0 * w + x0;
    const p00 = y0 >= 0 && x0 >= 0 ? from[i] : background;
    const p10 = y0 >= 0 && x0 + 1 < w ? from[i + 1] : background;
    const p01 = y0 + 1 < h && x0 >= 0 ? from[i + w] : background;
    const p11 = y0 + 1 < h && x0 + 1 < w ? from[i + w + 1] : background;
    const fx = sx - x0;
    const fy = sy - y0;
    const a00 = (1 - fx) * (1 - fy) * ((p00 >> 24) & 255);
    const a10 = fx * (1 - fy) * ((p10 >> 24) & 255);
    const a01 = (1 - fx) * fy * ((p01 >> 24) & 255);
    const a11 = fx * fy * ((p11 >> 24) & 255);
    to[o] = unpremultiply(
      a00 * (p00 & 255) + a10 * (p10 & 255) + a01 * (p01 & 255) + a11 * (p11 & 255),
      a00 * ((p00 >> 8) & 255) + a10 * ((p10 >> 8) & 255) + a01 * ((p01 >> 8) & 255) +
        a11 * ((p11 >> 8) & 255),
      a00 * ((p00 >> 16) & 255) + a10 * ((p10 >> 16) & 255) + a01 * ((p01 >> 16) & 255) +
        a11 * ((p11 >> 16) & 255),
      a00 + a10 + a01 + a11,
    );
  }
}
