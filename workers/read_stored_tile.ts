import { LRUCache } from "lru-cache";
import {
  type BaselineCropPlan,
  cropBaselineJpeg,
  type JpegCodec,
  type SourceLevel,
} from "../src/codecs/mod.ts";
import type { ImagePlan } from "../src/iiif/mod.ts";
import type { OpenedRegionSource } from "./opened_region_sources.ts";
import type { JobSource, JobTimings } from "./protocol.ts";

/** A stored JPEG tile, sent as it is, and how long reading it took. */
export interface StoredTile {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly readMs: number;
  /** An edge tile cut out of its padded stored tile. */
  readonly cropped: boolean;
}

/** The timings of a job a stored tile answered: a read, nothing decoded, processed or encoded. */
export function storedTileTimings(tile: StoredTile): JobTimings {
  const source = tile.cropped ? "crop" : "tile";
  return { readMs: tile.readMs, decodeMs: 0, opsMs: 0, encodeMs: 0, source };
}

/** A stored edge tile, padded to the full tile size, and the part of it that shows. */
export interface EdgeTile {
  readonly jpeg: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** Names the stored tile: its source (path, mtime, size) and its level, column and row. */
  readonly id: string;
}

/**
 * Crops a stored JPEG tile to its top-left `width` × `height`, losslessly; `undefined` when it
 * cannot (the tile is then decoded and encoded).
 */
export type CropTile = (tile: EdgeTile) => Uint8Array<ArrayBuffer> | undefined;

/** Crop plans kept per worker: about 3 KB each for a 256² tile. */
const CROP_PLAN_BYTES = 8 * 1024 * 1024;
const PLAN_OVERHEAD_BYTES = 200;

/**
 * How edge tiles are cut: by copying the kept blocks' bits (`cropBaselineJpeg`: no coefficient
 * is Huffman-coded again, as libjpeg-turbo's transform does), else with the codec's `crop`
 * (progressive or arithmetic-coded tiles, restart intervals), if it has one. The plan of each
 * tile's crop (which bits to copy) is kept: the tiles of a pyramid's top levels, which every
 * viewer opens with, are then cut again without reading their Huffman codes. The tile itself
 * is read from its file each time, as without the plan.
 */
export function edgeTileCrop(codec: JpegCodec): CropTile {
  const fallback = codec.crop?.bind(codec);
  const plans = new LRUCache<string, BaselineCropPlan>({
    maxSize: CROP_PLAN_BYTES,
    sizeCalculation: (plan) => plan.edits.byteLength + PLAN_OVERHEAD_BYTES,
  });
  return ({ jpeg, width, height, id }) => {
    const known = plans.get(id);
    const crop = cropBaselineJpeg(jpeg, width, height, known);
    if (crop && crop.plan !== known) plans.set(id, crop.plan);
    return crop?.jpeg ?? fallback?.(jpeg, width, height);
  };
}

/**
 * Whether `plan` may be a stored tile of `source`: a `default` JPEG made by one resize step of a
 * TIFF (only TIFF stores JPEG tiles whole), so no other source is opened to look for one.
 */
export function mayBeStoredTile(plan: ImagePlan, source: JobSource): boolean {
  return source.format === "tiff" && isOneResize(plan);
}

/**
 * The stored tile `plan` is, read without decoding or encoding (tile passthrough): a `default`
 * JPEG of one tile of a JPEG-tiled pyramid level at its stored size, with nothing else done to
 * it. Edge tiles are stored padded to the full tile size; given `crop`, their visible part is cut
 * out losslessly (no decode, no second lossy encode), else they are left to the pixel path.
 *
 * @param opened The source, opened (see {@linkcode mayBeStoredTile} before opening it).
 * @param crop Cuts an edge tile out of its padded stored tile; without it only whole tiles are
 *   answered (the main thread, where a crop would take time from every other request).
 * @returns The tile, or `undefined` when the plan needs pixels (or the source has no such
 *   tiles).
 * @throws {CorruptSourceError} A broken file or tile.
 */
export async function readStoredTile(
  { reader, levelOf, key }: OpenedRegionSource,
  plan: ImagePlan,
  crop?: CropTile,
): Promise<StoredTile | undefined> {
  if (!isOneResize(plan)) return undefined;
  const index = levelOf.get(plan.decodeScale);
  const level = index === undefined ? undefined : reader.levels[index];
  const tile = level && tileOf(plan, level);
  if (index === undefined || tile === undefined || (tile.cropped && !crop)) return undefined;
  // Timed here, not by the source's read counter: other requests may share the source.
  const started = performance.now();
  const stored = await reader.jpegTile?.(index, tile.col, tile.row);
  const { col, row, width, height } = tile;
  const body = stored && tile.cropped
    ? crop!({ jpeg: stored, width, height, id: `${key}|${index}/${col}/${row}` })
    : stored;
  const readMs = performance.now() - started;
  return body && { body: body as Uint8Array<ArrayBuffer>, readMs, cropped: tile.cropped };
}

/** A `default` JPEG made by one resize step: the only plans a stored tile can answer. */
function isOneResize(plan: ImagePlan): boolean {
  return plan.encode.format === "jpg" && plan.encode.quality === "default" &&
    plan.steps.length === 1 && plan.steps[0].op === "resize";
}

/** Which stored tile a plan is, and how much of it shows: less than all of it on the edges. */
interface TileMatch {
  readonly col: number;
  readonly row: number;
  readonly width: number;
  readonly height: number;
  readonly cropped: boolean;
}

/**
 * The tile whose visible region and size the plan's one resize step has exactly: it starts on
 * the tile grid, and spans the tile or, at the level's right and bottom edges, what is left.
 */
function tileOf(plan: ImagePlan, level: SourceLevel): TileMatch | undefined {
  const step = plan.steps[0];
  if (step.op !== "resize") return undefined;
  const { region, width, height } = step;
  const { tileWidth: tw, tileHeight: th } = level;
  const visibleWidth = Math.min(tw, level.width - region.x);
  const visibleHeight = Math.min(th, level.height - region.y);
  const aligned = region.x % tw === 0 && region.y % th === 0 &&
    region.width === visibleWidth && region.height === visibleHeight &&
    width === visibleWidth && height === visibleHeight;
  if (!aligned) return undefined;
  return {
    col: region.x / tw,
    row: region.y / th,
    width,
    height,
    cropped: width < tw || height < th,
  };
}
