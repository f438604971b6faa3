import type { RegionFormat } from "../src/codecs/mod.ts";
import type { ImagePlan } from "../src/iiif/mod.ts";
import { type BufferPool, type OpStep, sourceWindow } from "../src/ops/mod.ts";
import { type OpenedRegionSource, OpenedRegionSources } from "./opened_region_sources.ts";
import type { EdgeTileCropper } from "./edge_tile_croppers.ts";
import { readStoredTile, type StoredTile } from "./read_stored_tile.ts";
import type { SourceLease } from "./decoded_source_cache.ts";
import type { JobSource } from "./protocol.ts";

/** What a job on a tiled source needs: a stored tile to send as it is, or decoded pixels. */
export type RegionJob =
  | { readonly kind: "tile" } & StoredTile
  | { readonly kind: "pixels"; readonly lease: SourceLease; readonly steps: readonly OpStep[] };

/**
 * The worker's access to TIFF and JPEG 2000 sources: each job decodes only the window of the
 * pyramid level its plan reads (the region plus the resampling margin), never the whole image,
 * and a request that maps exactly onto one stored JPEG tile gets that tile's bytes without
 * decoding or encoding (tile passthrough), an edge tile cropped losslessly out of its padded
 * stored tile. Opened readers are kept in a small LRU.
 */
export class RegionSources {
  readonly #pool: BufferPool;
  readonly #cropper: EdgeTileCropper | undefined;
  readonly #open = new OpenedRegionSources();

  /**
   * @param pool Where decoded windows' buffers come from.
   * @param cropper Cuts edge tiles out of their padded stored tiles; without it edge tiles are
   *   decoded and re-encoded.
   */
  constructor(pool: BufferPool, cropper?: EdgeTileCropper) {
    this.#pool = pool;
    this.#cropper = cropper;
  }

  /**
   * Prepares `plan` on `source`: the stored tile it maps onto, or the decoded window with the
   * plan's steps moved into it (always, with `pixels`: a band of a larger output needs them).
   *
   * @throws {CorruptSourceError} A broken file or tile.
   * @throws {Error} The plan's scale is not one of the source's levels (a planner bug).
   */
  async prepare(
    source: JobSource & { format: RegionFormat },
    plan: ImagePlan,
    options: { readonly pixels?: boolean } = {},
  ): Promise<RegionJob> {
    return await this.#open.use(source, async (opened) => {
      const tile = options.pixels ? undefined : await readStoredTile(opened, plan, this.#cropper);
      return tile ? { kind: "tile", ...tile } : await this.#pixels(opened, source, plan);
    });
  }

  /** Closes `source`'s file (once its jobs are done) and forgets it. */
  forget(source: JobSource): void {
    this.#open.forget(source);
  }

  /** Closes every cached source's file. */
  close(): void {
    this.#open.close();
  }

  async #pixels(
    opened: OpenedRegionSource,
    source: JobSource,
    plan: ImagePlan,
  ): Promise<RegionJob> {
    const index = opened.levelOf.get(plan.decodeScale);
    if (index === undefined) {
      throw new Error(`No level of "${source.path}" has scale ${plan.decodeScale}`);
    }
    const level = opened.reader.levels[index];
    opened.readMs = 0;
    const t0 = performance.now();
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
}
