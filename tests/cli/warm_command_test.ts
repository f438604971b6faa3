import assert from "node:assert/strict";
import { warmPaths } from "../../src/cli/_warm_paths.ts";
import { WarmProgress } from "../../src/cli/_warm_progress.ts";
import { loadConfig } from "../../src/config/mod.ts";
import { startServer } from "../../src/http/mod.ts";
import { cacheTiming } from "../e2e/server_fixture.ts";
import { tessera } from "./_tessera_cli.ts";

const SUMMARY_REGEXP =
  /Warmed (\d+) derivatives of (\d+) images in [\d.]+ s: (\d+) made, (\d+) already cached, (\d+) stored tiles passed through, (\d+) failed/;

Deno.test("warmPaths() clips edge tiles, sizes them by scale factor and lists each path once", () => {
  const image = {
    width: 600,
    height: 400,
    tiles: [{ width: 256, height: 256, scaleFactors: [1, 4] }],
  };
  const paths = warmPaths("p:x y.tif", image, { widths: [200, 150], tiles: true });
  assert.deepEqual(paths.map((path) => path.split("/").slice(4, 6).join("/")), [
    "full/200,",
    "full/150,",
    "0,0,256,256/256,",
    "256,0,256,256/256,",
    "512,0,88,256/88,",
    "0,256,256,144/256,",
    "256,256,256,144/256,",
    "512,256,88,144/88,",
  ]);
  assert.ok(paths.every((path) => path.startsWith("/iiif/3/p%3Ax%20y.tif/")));
});

Deno.test("WarmProgress writes one line per tenth off a terminal and redraws on one", () => {
  const lines: string[] = [];
  const log = new WarmProgress(20, { terminal: false, write: (text) => lines.push(text) });
  for (let i = 0; i < 20; i++) log.step();
  assert.equal(lines.length, 10);
  assert.equal(lines.at(-1), "Warming: 100% (20/20)\n");
  const screen: string[] = [];
  const bar = new WarmProgress(3, { terminal: true, write: (text) => screen.push(text) });
  for (let i = 0; i < 3; i++) bar.step();
  assert.equal(screen.length, 4);
  assert.match(screen[0], /^\r\[#{10}\.{20}\] 1\/3$/);
  assert.equal(screen.at(-1), "\n");
});

async function vips(...args: string[]): Promise<void> {
  const made = await new Deno.Command("vips", { args, stdout: "null", stderr: "piped" }).output();
  assert.equal(made.code, 0, new TextDecoder().decode(made.stderr));
}

/** A config whose (unlisted) profile `photos` holds a 600 × 400 pyramid TIFF and a small JPEG. */
async function withPhotos(test: (config: string, dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tessera_warm_" });
  try {
    await Deno.mkdir(`${dir}/sources/photos`, { recursive: true });
    await vips(
      "black",
      `${dir}/sources/photos/pyramid.tif[tile,pyramid,tile-width=256,tile-height=256]`,
      "600",
      "400",
      "--bands",
      "3",
    );
    await vips("black", `${dir}/sources/photos/small.jpg`, "120", "80", "--bands", "3");
    await Deno.writeTextFile(
      `${dir}/tessera.yml`,
      `port: 0\nimage_pool_size: 2\ngpu: off\nsource_path: ${dir}/sources\n` +
        `cache_path: ${dir}/cache\nprofiles:\n  photos:\n    type: disk\n`,
    );
    await test(`${dir}/tessera.yml`, dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function cacheOutcome(url: string): Promise<string | undefined> {
  const response = await fetch(url);
  assert.equal(response.status, 200, url);
  await response.arrayBuffer();
  return cacheTiming(response);
}

Deno.test("tessera warm --tiles fills the cache a server then answers from", async () => {
  await withPhotos(async (config) => {
    const first = await tessera("warm", "photos", "--tiles", "--config", config);
    assert.equal(first.code, 0, first.err);
    const [, total, images, made, cached, passed, failed] = first.out.match(SUMMARY_REGEXP)!
      .map(Number);
    assert.deepEqual([images, cached, passed, failed], [2, 0, 0, 0]);
    assert.equal(made, total);
    assert.ok(total >= 2 + 6 + 2 + 1 + 1, `${total} derivatives`);
    assert.match(first.err, /Warming: 100% \(\d+\/\d+\)/);

    const server = await startServer({ ...await loadConfig(config), port: 0 }, { log: () => {} });
    try {
      const base = `${server.url}/iiif/3/photos:`;
      for (
        const path of [
          "pyramid.tif/full/200,/0/default.jpg",
          "pyramid.tif/full/600,/0/default.jpg",
          "pyramid.tif/512,256,88,144/88,/0/default.jpg",
          "pyramid.tif/0,0,512,400/256,/0/default.jpg",
          "small.jpg/full/120,/0/default.jpg",
        ]
      ) assert.equal(await cacheOutcome(`${base}${path}`), "hit", path);
    } finally {
      await server.close();
    }

    const again = await tessera("warm", "photos", "--tiles", "--config", config);
    assert.equal(again.code, 0, again.err);
    const counts = again.out.match(SUMMARY_REGEXP)!.map(Number);
    assert.deepEqual(counts.slice(1), [total, 2, 0, total, 0, 0]);
  });
});

Deno.test("tessera warm counts stored tiles sent as they are apart, never as already cached", async () => {
  await withPhotos(async (config, dir) => {
    await vips(
      "black",
      `${dir}/sources/photos/stored.tif[tile,pyramid,compression=jpeg,tile-width=256,tile-height=256]`,
      "600",
      "400",
      "--bands",
      "3",
    );
    const outputs = [];
    for (let run = 0; run < 2; run++) {
      const warmed = await tessera("warm", "photos", "stored.tif", "--tiles", "--config", config);
      assert.equal(warmed.code, 0, warmed.err);
      outputs.push(warmed.out);
    }
    const [first, again] = outputs.map((out) => out.match(SUMMARY_REGEXP)!.map(Number));
    const [, total, , made, cached, passed, failed] = first;
    assert.ok(passed > 0, outputs[0]);
    assert.deepEqual([cached, failed, made + passed], [0, 0, total]);
    // A local file's stored tiles are never copied to the cache, so they are passed through again.
    assert.deepEqual(again.slice(1), [total, 1, 0, made, passed, 0]);
  });
});

Deno.test("tessera warm reports each failure and exits 1, an unknown profile exits 2", async () => {
  await withPhotos(async (config) => {
    const partly = await tessera(
      "warm",
      "photos",
      "small.jpg",
      "gone.tif",
      "--sizes",
      "50",
      "--config",
      config,
    );
    assert.equal(partly.code, 1);
    assert.match(
      partly.out,
      /Warmed 2 derivatives of 2 images .*: 1 made, 0 already cached, 0 stored tiles passed through, 1 failed/,
    );
    assert.match(
      partly.err,
      /Failed photos:gone\.tif: GET \/iiif\/3\/photos%3Agone\.tif\/info\.json: HTTP 404/,
    );
    const unknown = await tessera("warm", "nowhere", "--config", config);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /Unknown profile "nowhere" \(the configuration has "photos"\)/);
  });
});
