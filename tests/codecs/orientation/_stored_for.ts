import type { Raster } from "../../../src/ops/raster.ts";

/**
 * What the EXIF specification says a viewer does to show stored pixels, for each orientation, as
 * a sequence of plain moves: 2 mirrors, 3 turns 180°, 4 flips upside down, 5 mirrors then turns
 * 270° clockwise, 6 turns 90° clockwise, 7 mirrors then turns 90° clockwise, 8 turns 270°.
 */
const SHOWN_BY: Readonly<Record<number, readonly Move[]>> = {
  1: [],
  2: ["mirror"],
  3: ["turn", "turn"],
  4: ["mirror", "turn", "turn"],
  5: ["mirror", "turn", "turn", "turn"],
  6: ["turn"],
  7: ["mirror", "turn"],
  8: ["turn", "turn", "turn"],
};

type Move = "mirror" | "turn";

/**
 * The pixels a camera stores for `upright` with EXIF orientation `orientation`: the viewer's
 * moves undone, last first (a turn is undone by three more, a mirror by another).
 */
export function storedFor(upright: Raster, orientation: number): Raster {
  const undo = [...SHOWN_BY[orientation]].reverse().flatMap((move): Move[] =>
    move === "turn" ? ["turn", "turn", "turn"] : ["mirror"]
  );
  return undo.reduce((raster, move) => move === "turn" ? turn(raster) : mirror(raster), upright);
}

/** Turned 90° clockwise: the stored bottom-left pixel becomes the top-left. */
function turn(raster: Raster): Raster {
  const { width, height } = raster;
  return build(height, width, (x, y) => pixel(raster, y, height - 1 - x));
}

function mirror(raster: Raster): Raster {
  const { width, height } = raster;
  return build(width, height, (x, y) => pixel(raster, width - 1 - x, y));
}

function build(
  width: number,
  height: number,
  at: (x: number, y: number) => Uint8Array,
): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(at(x, y), (y * width + x) * 4);
  }
  return { width, height, data };
}

function pixel(raster: Raster, x: number, y: number): Uint8Array {
  const index = (y * raster.width + x) * 4;
  return raster.data.subarray(index, index + 4);
}
