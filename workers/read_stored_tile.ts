import { isRegionFormat, type SourceLevel } from "../src/codecs/mod.ts";
import type { ImagePlan } from "../src/iiif/mod.ts";
import type { OpenedRegionSources } from "./opened_region_sources.ts";
import type { JobSource } from "./protocol.ts";

/** A stored JPEG tile, sent as it is, and how long reading it took. */
export interface StoredTile {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly readMs: number;
}

/**
 * The stored tile `plan` is exactly, read without decoding or encoding (tile passthrough): a
 * `default` JPEG of one whole tile of a JPEG-tiled pyramid level at its stored size, with
 * nothing else done to it. Needs no pixels, so any thread can answer it.
 *
 * @param sources Where the source is opened (or already is).
 * @returns The tile, or `undefined` when the plan needs pixels (or the source has no such
 *   tiles).
 * @throws {IdentifierNotFoundError} The file is gone.
 * @throws {CorruptSourceError} A broken file or tile.
 */
export async function readStoredTile(
  sources: OpenedRegionSources,
  plan: ImagePlan,
  source: JobSource,
): Promise<StoredTile | undefined> {
  if (!isRegionFormat(source.format) || !isOneResize(plan)) return undefined;
  return await sources.use({ ...source, format: source.format }, async ({ reader, levelOf }) => {
    const index = levelOf.get(plan.decodeScale);
    const tile = index === undefined ? undefined : tileOf(plan, reader.levels[index]);
    if (index === undefined || tile === undefined) return undefined;
    // Timed here, not by the source's read counter: other requests may share the source.
    const started = performance.now();
    const body = await reader.jpegTile?.(index, tile.col, tile.row);
    return body && { body: body as Uint8Array<ArrayBuffer>, readMs: performance.now() - started };
  });
}

/** A `default` JPEG made by one resize step: the only plans a stored tile can answer. */
function isOneResize(plan: ImagePlan): boolean {
  return plan.encode.format === "jpg" && plan.encode.quality === "default" &&
    plan.steps.length === 1 && plan.steps[0].op === "resize";
}

/**
 * The tile whose region and size the plan's one resize step has exactly. Edge tiles are stored
 * padded to the full tile size, so only whole tiles qualify.
 */
function tileOf(plan: ImagePlan, level: SourceLevel): { col: number; row: number } | undefined {
  const step = plan.steps[0];
  if (step.op !== "resize") return undefined;
  const { region, width, height } = step;
  const { tileWidth: tw, tileHeight: th } = level;
  const aligned = region.x % tw === 0 && region.y % th === 0 && region.width === tw &&
    region.height === th && width === tw && height === th;
  if (!aligned || region.x + tw > level.width || region.y + th > level.height) return undefined;
  return { col: region.x / tw, row: region.y / th };
}
