/**
 * End-to-end request timings through a real server on loopback, one request at a time: tiles of
 * a plain 6000×4000 JPEG (the decoded-source LRU at work), cold thumbnails and `full/1000,`
 * (every request decodes: LRU and derivative cache off), and info.json. The derivative cache is
 * off for the image cases so every answer is really made.
 *
 * Run: `deno task bench` (all benchmarks) or `deno bench -A bench/serve_bench.ts`.
 */
import { encodeImage } from "../src/codecs/mod.ts";
import { benchServer } from "./_bench_server.ts";
import { photoLike } from "./photo_like.ts";

const root = await Deno.makeTempDir({ prefix: "tessera-bench-" });
await Deno.mkdir(`${root}/sources/bench`, { recursive: true });
const jpeg = await encodeImage(photoLike(6000, 4000), {
  format: "jpg",
  quality: "default",
  jpegQuality: 90,
  subsampling: "420",
});
await Deno.writeFile(`${root}/sources/bench/photo.jpg`, jpeg);

function sourceCacheServer(sourceCacheBytes: number) {
  return benchServer(root, {
    cache_path: `cache-${sourceCacheBytes}`,
    derivative_cache_max_bytes: 0,
    image_cache_size_per_worker: sourceCacheBytes,
  });
}

const warm = await sourceCacheServer(512 << 20);
const cold = await sourceCacheServer(0);

async function fetchBody(url: string): Promise<void> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  await response.arrayBuffer();
}

const tiles: string[] = [];
for (let y = 0; y < 4000; y += 256) {
  for (let x = 0; x < 6000; x += 256) {
    tiles.push(`${x},${y},${Math.min(256, 6000 - x)},${Math.min(256, 4000 - y)}`);
  }
}
let tile = 0;
await fetchBody(`${warm.url}/iiif/3/bench:photo.jpg/0,0,256,256/256,/0/default.jpg`);

Deno.bench("256 tile at full resolution, plain 6000x4000 JPEG, source in LRU", async () => {
  const region = tiles[tile++ % tiles.length];
  await fetchBody(`${warm.url}/iiif/3/bench:photo.jpg/${region}/max/0/default.jpg`);
});

Deno.bench("!200,200 thumbnail, plain 6000x4000 JPEG, cold decode", async () => {
  await fetchBody(`${cold.url}/iiif/3/bench:photo.jpg/full/!200,200/0/default.jpg`);
});

Deno.bench("full/1000, of a plain 6000x4000 JPEG, cold decode", async () => {
  await fetchBody(`${cold.url}/iiif/3/bench:photo.jpg/full/1000,/0/default.jpg`);
});

Deno.bench("info.json", async () => {
  await fetchBody(`${warm.url}/iiif/3/bench:photo.jpg/info.json`);
});

globalThis.addEventListener("unload", () => {
  Deno.removeSync(root, { recursive: true });
});
