import { LRUCache } from "lru-cache";
import {
  type ByteSource,
  openRegionReader,
  type RegionFormat,
  type RegionReader,
  scaledLevels,
  type SourceLevel,
} from "../src/codecs/mod.ts";
import type { ImagePlan } from "../src/iiif/mod.ts";
import { type BufferPool, type OpStep, sourceWindow } from "../src/ops/mod.ts";
import { sourceCacheKey } from "../src/sources/mod.ts";
import { openJobSource } from "./open_job_source.ts";
import type { SourceLease } from "./decoded_source_cache.ts";
import type { JobSource } from "./protocol.ts";

/** What a job on a tiled source needs: a stored tile to send as it is, or decoded pixels. */
export type RegionJob =
  | { readonly kind: "tile"; readonly body: Uint8Array<ArrayBuffer>; readonly readMs: number }
  | { readonly kind: "pixels"; readonly lease: SourceLease; readonly steps: readonly OpStep[] };

/** An opened source: its file stays open while its reader is cached. */
interface OpenedSource {
  readonly close: () => void;
  readonly reader: RegionReader;
  /** Level index per plan scale. */
  readonly levelOf: ReadonlyMap<number, number>;
  /** Milliseconds spent in reads since the last reset. */
  readMs: number;
}

/** Opened pyramids kept per worker, so a tile costs no directory parsing. */
const MAX_OPEN_SOURCES = 32;

/**
 * The worker's access to TIFF and JPEG 2000 sources: each job decodes only the window of the
 * pyramid level its plan reads (the region plus the resampling margin), never the whole image,
 * and a request that maps exactly onto one stored JPEG tile gets that tile's bytes without
 * decoding or encoding (tile passthrough). Opened readers are kept in a small LRU.
 */
export class RegionSources {
  readonly #pool: BufferPool;
  readonly #open = new LRUCache<string, OpenedSource>({
    max: MAX_OPEN_SOURCES,
    dispose: (opened) => opened.close(),
  });

  constructor(pool: BufferPool) {
    this.#pool = pool;
  }

  /**
   * Prepares `plan` on `source`: the stored tile it maps onto, or the decoded window with the
   * plan's steps moved into it.
   *
   * @throws {CorruptSourceError} A broken file or tile.
   * @throws {Error} The plan's scale is not one of the source's levels (a planner bug).
   */
  async prepare(source: JobSource & { format: RegionFormat }, plan: ImagePlan): Promise<RegionJob> {
    const opened = await this.#opened(source);
    const index = opened.levelOf.get(plan.decodeScale);
    if (index === undefined) {
      throw new Error(`No level of "${source.path}" has scale ${plan.decodeScale}`);
    }
    const level = opened.reader.levels[index];
    opened.readMs = 0;
    const t0 = performance.now();
    const tile = storedTile(plan, level);
    const body = tile && await opened.reader.jpegTile?.(index, tile.col, tile.row);
    if (body) return { kind: "tile", body: body as Uint8Array<ArrayBuffer>, readMs: opened.readMs };
    const { window, steps } = sourceWindow(plan.steps, level);
    const raster = await opened.reader.readRegion(index, window, (n) => this.#pool.acquire(n));
    const lease: SourceLease = {
      raster,
      cached: false,
      readMs: opened.readMs,
      decodeMs: performance.now() - t0 - opened.readMs,
      done: () => this.#pool.release(raster.data),
    };
    return { kind: "pixels", lease, steps };
  }

  /** Closes every cached source's file. */
  close(): void {
    this.#open.clear();
  }

  async #opened(source: JobSource & { format: RegionFormat }): Promise<OpenedSource> {
    const key = sourceCacheKey(source);
    const cached = this.#open.get(key);
    if (cached) return cached;
    const { bytes, close } = await openJobSource(source);
    try {
      const partial = { close, readMs: 0 };
      const reader = await openRegionReader(source.format, timed(bytes, partial));
      const { scales, indices } = scaledLevels(reader.levels);
      const levelOf = new Map(scales.map((scale, i) => [scale, indices[i]]));
      const opened: OpenedSource = Object.assign(partial, { reader, levelOf });
      this.#open.set(key, opened);
      return opened;
    } catch (error) {
      close();
      throw error;
    }
  }
}

/**
 * `source`, adding to `counter.readMs` the time during which at least one read was running:
 * reads of an S3 object overlap, and summing them would count that time twice.
 */
function timed(source: ByteSource, counter: { readMs: number }): ByteSource {
  let running = 0;
  let since = 0;
  return {
    size: source.size,
    async read(offset, length) {
      if (running++ === 0) since = performance.now();
      try {
        return await source.read(offset, length);
      } finally {
        if (--running === 0) counter.readMs += performance.now() - since;
      }
    },
  };
}

/**
 * The stored tile a plan is exactly: a `default` JPEG of one whole tile of the level at its
 * stored size, with nothing else done to it. Edge tiles are stored padded to the full tile size,
 * so only whole tiles qualify.
 */
function storedTile(plan: ImagePlan, level: SourceLevel): { col: number; row: number } | undefined {
  if (plan.encode.format !== "jpg" || plan.encode.quality !== "default") return undefined;
  if (plan.steps.length !== 1 || plan.steps[0].op !== "resize") return undefined;
  const { region, width, height } = plan.steps[0];
  const { tileWidth: tw, tileHeight: th } = level;
  const aligned = region.x % tw === 0 && region.y % th === 0 && region.width === tw &&
    region.height === th && width === tw && height === th;
  if (!aligned || region.x + tw > level.width || region.y + th > level.height) return undefined;
  return { col: region.x / tw, row: region.y / th };
}
