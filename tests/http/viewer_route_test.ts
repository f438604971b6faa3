import assert from "node:assert/strict";
import { encodeImage } from "../../src/codecs/mod.ts";
import { VIEWER_ASSETS_PATH } from "../../src/http/viewer_assets.ts";
import { withDiskApp } from "./_disk_app.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

/** Writes a small real PNG, an unreadable file and a name full of markup into `pub`. */
async function writeSources(sourcePath: string): Promise<void> {
  const data = new Uint8Array(8 * 6 * 4).fill(200);
  const png = await encodeImage({ width: 8, height: 6, data }, {
    format: "png",
    quality: "default",
    jpegQuality: 90,
    subsampling: "444",
  });
  await Deno.writeFile(`${sourcePath}/pub/plain.png`, png);
  await Deno.writeFile(`${sourcePath}/pub/<b>"x".png`, png);
  await Deno.writeTextFile(`${sourcePath}/pub/notes.txt`, "not an image");
}

Deno.test("viewerRoute() starts OpenSeadragon on the IIIF 3 info.json", async () => {
  await withDiskApp({ setup: writeSources }, async (app) => {
    const response = await app.request("/viewer/plain.png");
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
    assert.match(response.headers.get("content-security-policy") ?? "", /^default-src 'self';/);
    const html = await response.text();
    const assets = `http://tessera.test${VIEWER_ASSETS_PATH}`;
    assert.match(html, /data-info-url="http:\/\/tessera\.test\/iiif\/3\/plain\.png\/info\.json"/);
    assert.ok(html.includes(`data-prefix-url="${assets}/images/"`));
    assert.ok(html.includes(`<script src="${assets}/openseadragon.min.js"></script>`));
    assert.ok(html.includes(`<script src="${assets}/viewer_start.js"></script>`));
    assert.doesNotMatch(html, /<script>|<style|style=/, "no inline script or style");
  });
});

Deno.test("viewerRoute() escapes the identifier and uses base_url", async () => {
  const config = { base_url: "https://images.example.org/tiles" };
  await withDiskApp({ config, setup: writeSources }, async (app) => {
    const response = await app.request(`/viewer/${encodeURIComponent('<b>"x".png')}`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.ok(html.includes("<title>&lt;b&gt;&quot;x&quot;.png · Tessera</title>"));
    assert.ok(!html.includes("<b>"));
    assert.ok(html.includes(
      'data-info-url="https://images.example.org/tiles/iiif/3/%3Cb%3E%22x%22.png/info.json"',
    ));
    assert.ok(html.includes(`src="https://images.example.org/tiles${VIEWER_ASSETS_PATH}/`));
  });
});

Deno.test("viewerRoute() answers 404 for unknown images, 415 for unreadable ones", async () => {
  await withDiskApp({ setup: writeSources }, async (app) => {
    const cases: Array<[string, number]> = [
      ["/viewer/missing.png", 404],
      ["/viewer/priv:missing.png", 404],
      ["/viewer/notes.txt", 415],
    ];
    for (const [path, status] of cases) {
      const response = await app.request(path);
      assert.equal(response.status, status, path);
      await response.body?.cancel();
    }
  });
});

Deno.test("viewerAssetRoute() serves OpenSeadragon's files, cached for a year", async () => {
  await withDiskApp({ setup: writeSources }, async (app) => {
    const cases = [
      { file: "openseadragon.min.js", type: "text/javascript", start: "//! openseadragon" },
      { file: "viewer_start.js", type: "text/javascript", start: "// Starts OpenSeadragon" },
      { file: "viewer.css", type: "text/css", start: "/* The viewer page" },
    ];
    for (const { file, type, start } of cases) {
      const response = await app.request(`${VIEWER_ASSETS_PATH}/${file}`);
      assert.equal(response.status, 200, file);
      assert.equal(response.headers.get("content-type"), type, file);
      assert.equal(response.headers.get("cache-control"), "public, max-age=31536000, immutable");
      assert.ok((await response.text()).startsWith(start), file);
    }
    const image = await app.request(`${VIEWER_ASSETS_PATH}/images/zoomin_rest.png`);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get("content-type"), "image/png");
    const bytes = new Uint8Array(await image.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 4)], PNG_SIGNATURE);
    assert.equal(Number(image.headers.get("content-length")), bytes.byteLength);
  });
});

Deno.test("viewerAssetRoute() answers 404 outside its own files and release", async () => {
  await withDiskApp({ setup: writeSources }, async (app) => {
    const paths = [
      "/viewer/assets/0.0.1-1.0.0/openseadragon.min.js",
      `${VIEWER_ASSETS_PATH}/openseadragon.js`,
      `${VIEWER_ASSETS_PATH}/images/nothing_rest.png`,
      `${VIEWER_ASSETS_PATH}/images/..%2F..%2Fpackage.json`,
      `${VIEWER_ASSETS_PATH}/../../../deno.json`,
      `${VIEWER_ASSETS_PATH}/images/`,
    ];
    for (const path of paths) {
      const response = await app.request(path);
      assert.equal(response.status, 404, path);
      await response.body?.cancel();
    }
  });
});

Deno.test("landingRoute() links each listed image to its viewer", async () => {
  const config = { profiles: { pub: { type: "disk", listable: true } } };
  await withDiskApp({ config, setup: writeSources }, async (app) => {
    const html = await (await app.request("/")).text();
    assert.ok(html.includes('<a href="http://tessera.test/viewer/pub:plain.png">'));
    assert.ok(html.includes('href="http://tessera.test/viewer/pub:%3Cb%3E%22x%22.png"'));
  });
});
