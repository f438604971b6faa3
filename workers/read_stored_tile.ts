import type { SourceLevel } from "../src/codecs/mod.ts";
import type { ImagePlan } from "../src/iiif/mod.ts";
import type { EdgeTileCropper, TileCropPlan } from "./edge_tile_croppers.ts";
import type { OpenedRegionSource } from "./opened_region_sources.ts";
import type { JobSource, JobTimings } from "./protocol.ts";

/** A stored JPEG tile, sent as it is, and how long reading it took. */
export interface StoredTile {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly readMs: number;
  /** An edge tile cut out of its padded stored tile. */
  readonly cropped: boolean;
  /** The plan made for that cut, for other threads to keep. */
  readonly cropPlan?: TileCropPlan;
}

/** The timings of a job a stored tile answered: a read, nothing decoded, processed or encoded. */
export function storedTileTimings(tile: StoredTile): JobTimings {
  const source = tile.cropped ? "crop" : "tile";
  return { readMs: tile.readMs, decodeMs: 0, opsMs: 0, encodeMs: 0, source };
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
 * it. Edge tiles are stored padded to the full tile size; their visible part is cut out
 * losslessly (no decode, no second lossy encode) by `cropper` when it takes the tile on, else
 * they are left to the pixel path (or, on the main thread, to a worker).
 *
 * @param opened The source, opened (see {@linkcode mayBeStoredTile} before opening it).
 * @param cropper Cuts edge tiles out of their padded stored tiles; without it only whole tiles
 *   are answered.
 * @returns The tile, or `undefined` when the plan needs pixels (or the source has no such
 *   tiles).
 * @throws {CorruptSourceError} A broken file or tile.
 */
export async function readStoredTile(
  { reader, levelOf, key }: OpenedRegionSource,
  plan: ImagePlan,
  cropper?: EdgeTileCropper,
): Promise<StoredTile | undefined> {
  if (!isOneResize(plan)) return undefined;
  const index = levelOf.get(plan.decodeScale);
  const level = index === undefined ? undefined : reader.levels[index];
  const tile = level && tileOf(plan, level);
  if (index === undefined || tile === undefined) return undefined;
  const { col, row, width, height, cropped } = tile;
  // Named only for a cut: most stored tiles a request reads are whole.
  const id = cropped ? `${key}|${index}/${col}/${row}` : "";
  if (cropped && !cropper?.tries(id)) return undefined;
  // Timed here, not by the source's read counter: other requests may share the source.
  const started = performance.now();
  const stored = await reader.jpegTile?.(index, col, row);
  if (stored === undefined) return undefined;
  if (!cropped) return { body: stored as Uint8Array<ArrayBuffer>, readMs: elapsed(), cropped };
  const cut = cropper!.crop({ jpeg: stored, width, height, id });
  const cropPlan = cut?.plan && { id, plan: cut.plan };
  return cut && { body: cut.body, readMs: elapsed(), cropped, cropPlan };

  function elapsed(): number {
    return performance.now() - started;
  }
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
