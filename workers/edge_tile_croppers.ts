import { LRUCache } from "lru-cache";
import {
  type BaselineCropPlan,
  cropBaselineJpeg,
  type JpegCodec,
  replayBaselineCrop,
} from "../src/codecs/mod.ts";

/** A stored edge tile, padded to the full tile size, and the part of it that shows. */
export interface EdgeTile {
  readonly jpeg: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** Names the stored tile: its source (path, mtime, size) and its level, column and row. */
  readonly id: string;
}

/** An edge tile cut out of its stored tile, and the plan of that cut, when it has one. */
export interface CroppedTile {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly plan?: BaselineCropPlan;
}

/** A crop plan and the stored tile it cuts. */
export interface TileCropPlan {
  readonly id: string;
  readonly plan: BaselineCropPlan;
}

/** Cuts edge tiles out of their padded stored tiles, losslessly. */
export interface EdgeTileCropper {
  /** Whether it would cut tile `id`: the tile is read only then. */
  tries(id: string): boolean;
  /** The cut tile, or `undefined` when it cannot be cut (it is decoded and encoded then). */
  crop(tile: EdgeTile): CroppedTile | undefined;
}

/** Crop plans kept per thread: about 3 KB each for a 256² tile. */
const CROP_PLAN_BYTES = 8 * 1024 * 1024;
const PLAN_OVERHEAD_BYTES = 200;

/** The crop plans of the edge tiles a thread has cut or been told of, by tile id. */
export function cropPlans(): LRUCache<string, BaselineCropPlan> {
  return new LRUCache<string, BaselineCropPlan>({
    maxSize: CROP_PLAN_BYTES,
    sizeCalculation: (plan) => plan.edits.byteLength + PLAN_OVERHEAD_BYTES,
  });
}

/**
 * A worker's cropper: it copies the kept blocks' bits (`cropBaselineJpeg`: no coefficient is
 * Huffman-coded again, as libjpeg-turbo's transform does), else uses the codec's `crop`
 * (progressive or arithmetic-coded tiles, restart intervals), if it has one. Each tile's plan
 * (which bits to copy) is kept: the tiles of a pyramid's top levels, which every viewer opens
 * with, are then cut again without reading their Huffman codes; the tile itself is read from
 * its file each time.
 */
export function planningCropper(codec: JpegCodec): EdgeTileCropper {
  const fallback = codec.crop?.bind(codec);
  const plans = cropPlans();
  return {
    tries: () => true,
    crop({ jpeg, width, height, id }) {
      const known = plans.get(id);
      const cut = cropBaselineJpeg(jpeg, width, height, known);
      if (cut && cut.plan !== known) plans.set(id, cut.plan);
      // Returned even when it was kept already: a tile comes to a worker when the main thread
      // has no plan for it (never had one, or dropped it from its LRU).
      if (cut) return { body: cut.jpeg, plan: cut.plan };
      const body = fallback?.(jpeg, width, height);
      return body && { body };
    },
  };
}

/**
 * The main thread's cropper: it only replays the plans workers made (`plans`), a copy of a few
 * to 60 µs, cheaper than handing the tile to a worker and back; a tile without a plan is left
 * to a worker, as reading its Huffman codes would hold up every other request.
 */
export function replayingCropper(plans: LRUCache<string, BaselineCropPlan>): EdgeTileCropper {
  return {
    tries: (id) => plans.has(id),
    crop({ jpeg, width, height, id }) {
      const plan = plans.get(id);
      const body = plan && replayBaselineCrop(jpeg, width, height, plan);
      return body && { body };
    },
  };
}
