/**
 * The main thread's share of a request without HTTP: the app's handler called in process, next
 * to what it is made of that Deno itself charges (a `stat`, a `URLPattern` match, a `Response`
 * with nine headers). The main thread answers every request, so these set the ceiling of the
 * requests a server answers per second when no worker is needed (info.json, cached or stored
 * tiles).
 *
 * Run: `deno bench -A bench/handler_bench.ts` (part of `deno task bench`).
 */
import { encodeTiledJpegTiff } from "../src/codecs/mod.ts";
import { createHandler } from "../src/http/mod.ts";
import { benchServer } from "./_bench_server.ts";
import { photoLike } from "./photo_like.ts";

const root = await Deno.makeTempDir({ prefix: "tessera-handler-bench-" });
await Deno.mkdir(`${root}/sources/bench`, { recursive: true });
const source = `${root}/sources/bench/pyramid.tif`;
await Deno.writeFile(source, await encodeTiledJpegTiff(photoLike(2048, 2048), { jpegQuality: 90 }));

function derivativeCacheServer(derivativeCacheBytes: number) {
  return benchServer(root, {
    cache_path: `cache-${derivativeCacheBytes}`,
    derivative_cache_max_bytes: derivativeCacheBytes,
  });
}

const cached = await derivativeCacheServer(64 << 20);
const uncached = await derivativeCacheServer(0);
const handleCached = createHandler(cached.deps, () => {});
const handleUncached = createHandler(uncached.deps, () => {});
const base = "http://127.0.0.1:8080/iiif/3/bench:pyramid.tif";
const tiles = Array.from({ length: 64 }, (_, i) => `${(i % 8) * 256},${(i >> 3) * 256},256,256`);

async function answer(handle: typeof handleCached, url: string): Promise<void> {
  const response = await handle(new Request(url));
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  await response.arrayBuffer();
}
for (const region of tiles) await answer(handleCached, `${base}/${region}/256,/0/default.jpg`);

Deno.bench("handler: info.json", { group: "handler", baseline: true }, async () => {
  await answer(handleCached, `${base}/info.json`);
});
let next = 0;
Deno.bench("handler: 256² tile from the memory cache", { group: "handler" }, async () => {
  await answer(handleCached, `${base}/${tiles[next++ % tiles.length]}/256,/0/default.jpg`);
});
Deno.bench("handler: 256² stored tile passed through, no cache", { group: "handler" }, async () => {
  await answer(handleUncached, `${base}/${tiles[next++ % tiles.length]}/256,/0/default.jpg`);
});

const infoPattern = new URLPattern({ pathname: "/iiif/:version(2|3)/:identifier/info.json" });
Deno.bench("Deno: one URLPattern match", { group: "parts" }, () => {
  infoPattern.exec({ pathname: "/iiif/3/bench:pyramid.tif/info.json" });
});
Deno.bench("Deno: Deno.statSync of the source", { group: "parts" }, () => {
  Deno.statSync(source);
});
const headers = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`x-header-${i}`, "value"]));
const body = new Uint8Array(865);
Deno.bench("Deno: a Response of 865 bytes with 9 headers", { group: "parts" }, async () => {
  await new Response(body, { headers }).arrayBuffer();
});

globalThis.addEventListener("unload", () => {
  Deno.removeSync(root, { recursive: true });
});
