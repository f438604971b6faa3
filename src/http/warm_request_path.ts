import { CachedRenderer, DiskDerivativeCache } from "../cache/mod.ts";
import { encodeTiledJpegTiff } from "../codecs/mod.ts";
import { parseConfig } from "../config/mod.ts";
import { SourceRegistry } from "../sources/mod.ts";
import { syntheticPicture, type WorkerPool } from "../../workers/mod.ts";
import { createHandler } from "./handler.ts";
import { loadProfileAccess } from "./profile_access.ts";

/** The synthetic pyramid: 6×4 tiles at full size, with edge tiles on every level. */
const WIDTH = 1500;
const HEIGHT = 1000;
const TILE = 256;
const PROFILE = "warm-up";
const NAME = "warm-up.tif";
/** Level 1 (750×500, 3×2 tiles): its edge tiles, as column and row. */
const EDGE_TILES = [[2, 0], [2, 1], [0, 1], [1, 1]] as const;

/** What the warm-up ran. */
export interface WarmUpReport {
  /** The paths requested, in the order sent; each was answered 200. */
  readonly paths: readonly string[];
  /**
   * The jobs the worker pool counted for them (stored tiles it read itself included), before
   * its counts were set back to 0.
   */
  readonly jobs: number;
}

/**
 * Sends a server's first requests before it listens, so that no visitor pays for V8 compiling
 * the request path: the first `!1024,1024` of a JPEG-tiled 100 MP TIFF after a start took
 * 70–80 ms, against 50 ms once any other pyramid request had run. A JPEG-tiled pyramid of a
 * synthetic picture is written to a temporary folder, served by a handler of its own (one disk
 * profile, no derivative cache, no request log, its own metrics) through the real worker pool:
 * info.json, a level read, a stored tile and a cropped edge tile, each as many times at once
 * as there are workers so that every worker runs it. The file is then closed everywhere, the
 * folder removed and the pool's job counts reset, so nothing an operator reads shows the warm-up
 * (a worker restart or a GPU fallback during it stays counted: those are events).
 *
 * @param pool The server's worker pool, every worker ready.
 * @returns What was requested.
 * @throws {Error} A request was not answered 200, or the folder could not be written.
 */
export async function warmRequestPath(pool: WorkerPool): Promise<WarmUpReport> {
  const dir = await Deno.makeTempDir({ prefix: "tessera-warm-up-" });
  try {
    const picture = syntheticPicture(WIDTH, HEIGHT);
    // A disk profile's images are in `<source_path>/<profile>`.
    await Deno.mkdir(`${dir}/${PROFILE}`);
    await Deno.writeFile(
      `${dir}/${PROFILE}/${NAME}`,
      await encodeTiledJpegTiff(picture, { jpegQuality: 85 }),
    );
    const { handle, sources } = await warmUpHandler(dir, pool);
    const paths: string[] = [];
    for (const group of requestGroups(pool.stats().size)) {
      // Settled, not raced: no request may still run once the counts are reset.
      const failed = (await Promise.allSettled(group.map((path) => expectOk(handle, path))))
        .find((outcome) => outcome.status === "rejected");
      if (failed) throw failed.reason;
      paths.push(...group);
    }
    const resolved = await sources.resolve(NAME);
    // Closed everywhere before it is deleted: an open descriptor would keep it on disk.
    pool.forget({ ...resolved.ref, format: "tiff" });
    return { paths, jobs: pool.stats().jobs };
  } finally {
    pool.resetCounts();
    await Deno.remove(dir, { recursive: true });
  }
}

async function warmUpHandler(
  dir: string,
  pool: WorkerPool,
): Promise<{ handle: (request: Request) => Promise<Response>; sources: SourceRegistry }> {
  const config = parseConfig({
    source_path: dir,
    default_profile: PROFILE,
    profiles: { [PROFILE]: { type: "disk" } },
    derivative_cache_max_bytes: 0,
  }, { file: "(warm-up)", baseDir: dir });
  // Disabled (0 bytes): it neither reads nor writes the disk.
  const cache = await DiskDerivativeCache.open(dir, 0);
  const deps = {
    config,
    sources: new SourceRegistry(config),
    renderer: new CachedRenderer(cache, { pool, onWriteFailure: () => {} }),
    pool,
    startedAt: Date.now(),
    profileAccess: await loadProfileAccess(config),
  };
  return { handle: createHandler(deps, () => {}), sources: deps.sources };
}

/** Groups of requests sent one group after the other, each group's `workers` paths at once. */
function requestGroups(workers: number): string[][] {
  const image = `/iiif/3/${NAME}`;
  const times = (path: (index: number) => string) =>
    Array.from({ length: workers }, (_, i) => path(i));
  const innerColumns = Math.ceil(WIDTH / TILE) - 1;
  return [
    times(() => `${image}/info.json`),
    // Level 1 (750×500) reduced by less than 2, from all its tiles.
    times((i) => `${image}/full/!${700 - i},${700 - i}/0/default.jpg`),
    // Whole tiles of level 0, read by the pool's own thread.
    times((i) => `${image}/${tileRequest(1, [i % innerColumns, 0])}`),
    // Edge tiles of level 1, cut out of their padded stored tiles by the workers.
    times((i) => `${image}/${tileRequest(2, EDGE_TILES[i % EDGE_TILES.length])}`),
  ];
}

/** The IIIF region and size of the stored tile at `col`, `row` of the level reduced by `scale`. */
function tileRequest(scale: number, [col, row]: readonly [number, number]): string {
  const [levelWidth, levelHeight] = [Math.ceil(WIDTH / scale), Math.ceil(HEIGHT / scale)];
  const [x, y] = [col * TILE, row * TILE];
  const [width, height] = [Math.min(TILE, levelWidth - x), Math.min(TILE, levelHeight - y)];
  const region = [x, y, width, height].map((value) => value * scale).join(",");
  return `${region}/${width},${height}/0/default.jpg`;
}

async function expectOk(handle: (request: Request) => Promise<Response>, path: string) {
  const response = await handle(new Request(`http://warm-up.invalid${path}`));
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(
      `Cannot warm up the request path: "${path}" answered ${response.status} ${body}`,
    );
  }
}
