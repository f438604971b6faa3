import assert from "node:assert/strict";
import { OpenedRegionSources } from "../../workers/opened_region_sources.ts";
import { vips, withTempDir } from "../codecs/_vips.ts";

/** A 512×384 JPEG-tiled TIFF in `dir`, as a job source; `mtimeMs` only keys the cache. */
async function tiledTiff(dir: string): Promise<{ path: string; size: number }> {
  const path = `${dir}/tiled.tif`;
  await vips("black", `${dir}/black.v`, "512", "384", "--bands", "3");
  const tiles = ["--tile", "--tile-width", "256", "--tile-height", "256"];
  await vips("tiffsave", `${dir}/black.v`, path, ...tiles, "--compression", "jpeg");
  return { path, size: (await Deno.stat(path)).size };
}

Deno.test("OpenedRegionSources.use() opens a source once for concurrent users", async () => {
  await withTempDir(async (dir) => {
    const file = await tiledTiff(dir);
    const source = { ...file, format: "tiff" as const, mtimeMs: 1 };
    const sources = new OpenedRegionSources();
    const opened = await Promise.all(
      Array.from({ length: 8 }, () => sources.use(source, (o) => Promise.resolve(o))),
    );
    assert.ok(opened.every((o) => o === opened[0]));
    sources.close();
  });
});

Deno.test("OpenedRegionSources.use() closes an evicted source only after its user is done", async () => {
  await withTempDir(async (dir) => {
    const file = await tiledTiff(dir);
    const sources = new OpenedRegionSources();
    const first = { ...file, format: "tiff" as const, mtimeMs: 0 };
    const reader = await sources.use(first, async ({ reader }) => {
      // Other keys for the same file (another mtime) push the first out of the 32-entry LRU.
      for (let mtimeMs = 1; mtimeMs <= 32; mtimeMs++) {
        await sources.use({ ...first, mtimeMs }, () => Promise.resolve());
      }
      assert.ok(await reader.jpegTile?.(0, 0, 0), "still open while in use");
      return reader;
    });
    // Closing follows the last user in a microtask.
    await Promise.resolve();
    await assert.rejects(reader.jpegTile!(0, 1, 0));
    sources.close();
  });
});
