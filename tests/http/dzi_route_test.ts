import assert from "node:assert/strict";
import { fakeApp } from "./_fake_app.ts";

const DESCRIPTOR = '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<Image TileSize="254" Overlap="1" Format="jpg" ' +
  'xmlns="http://schemas.microsoft.com/deepzoom/2008"><Size Width="600" Height="400"/></Image>\n';

Deno.test("dziDescriptorRoute() describes the image with the configured tiles", async () => {
  const app = fakeApp();
  const response = await app.request("/dzi/quad.jpg.dzi");
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "application/xml");
  assert.equal(response.headers.get("access-control-allow-origin"), "*");
  assert.equal(response.headers.get("cache-control"), "public, max-age=86400");
  assert.match(response.headers.get("etag") ?? "", /^"[0-9a-f]{32}"$/);
  assert.equal(await response.text(), DESCRIPTOR);

  const configured = fakeApp({ config: { dzi_tile_size: 510, dzi_overlap: 2, dzi_format: "png" } });
  const text = await (await configured.request("/dzi/test:quad.jpg.dzi")).text();
  assert.match(text, /<Image TileSize="510" Overlap="2" Format="png" /);
});

Deno.test("dziDescriptorRoute() answers 304 to a client holding its ETag", async () => {
  const app = fakeApp();
  const first = await app.request("/dzi/quad.jpg.dzi");
  const etag = first.headers.get("etag") ?? "";
  await first.body?.cancel();
  const again = await app.request("/dzi/quad.jpg.dzi", { headers: { "if-none-match": etag } });
  assert.equal(again.status, 304);
  assert.equal(again.headers.get("etag"), etag);
  assert.equal(again.headers.get("access-control-allow-origin"), "*");
  assert.equal(await again.text(), "");
});

Deno.test("dziTileRoute() plans each tile exactly as its IIIF region and size", async () => {
  const app = fakeApp();
  const cases = [
    // 600×400 has max level 10; level 9 is 300×200, level 0 is 1×1.
    { tile: "10/0_0.jpg", iiif: "0,0,255,255/255,255/0/default.jpg" },
    { tile: "10/2_1.png", iiif: "507,253,93,147/93,147/0/default.png" },
    { tile: "9/1_0.jpg", iiif: "506,0,94,400/47,200/0/default.jpg" },
    { tile: "0/0_0.jpg", iiif: "full/1,1/0/default.jpg" },
  ];
  for (const { tile, iiif } of cases) {
    const response = await app.request(`/dzi/quad.jpg_files/${tile}`);
    assert.equal(response.status, 200, tile);
    const format = tile.endsWith(".png") ? "image/png" : "image/jpeg";
    assert.equal(response.headers.get("content-type"), format, tile);
    const viaIiif = await app.request(`/iiif/3/quad.jpg/${iiif}`);
    assert.equal(viaIiif.status, 200, iiif);
    assert.equal(await response.text(), await viaIiif.text(), tile);
    const [fromDzi, fromIiif] = app.rendered.splice(0, 2);
    assert.deepEqual(fromDzi, fromIiif, tile);
  }
});

Deno.test("dziTileRoute() gives tiles of the DeepZoom size at every edge", async () => {
  const app = fakeApp();
  const sizes = [
    ["10/1_0.jpg", 256, 255],
    ["10/2_0.jpg", 93, 255],
    ["10/0_1.jpg", 255, 147],
    ["9/0_0.jpg", 255, 200],
    ["1/0_0.jpg", 2, 1],
  ] as const;
  for (const [tile] of sizes) {
    const response = await app.request(`/dzi/quad.jpg_files/${tile}`);
    assert.equal(response.status, 200, tile);
    await response.body?.cancel();
  }
  assert.deepEqual(
    app.rendered.map((plan) => [plan.width, plan.height]),
    sizes.map(([, width, height]) => [width, height]),
  );
});

Deno.test("dziTileRoute() answers 404 for tiles outside the pyramid", async () => {
  const app = fakeApp();
  const paths = [
    "/dzi/quad.jpg_files/11/0_0.jpg",
    "/dzi/quad.jpg_files/10/3_0.jpg",
    "/dzi/quad.jpg_files/10/0_2.jpg",
    "/dzi/quad.jpg_files/0/1_0.jpg",
    "/dzi/quad.jpg_files/99999999999999999999/0_0.jpg",
    "/dzi/quad.jpg_files/10/0_0.gif",
    "/dzi/quad.jpg_files/ten/0_0.jpg",
    "/dzi/quad.jpg_files/10/0-0.jpg",
    "/dzi/nothing.jpg_files/0/0_0.jpg",
    "/dzi/nothing.jpg.dzi",
  ];
  for (const path of paths) {
    const response = await app.request(path);
    assert.equal(response.status, 404, path);
    await response.body?.cancel();
  }
  assert.equal(app.rendered.length, 0);
  const outside = await app.request("/dzi/quad.jpg_files/11/0_0.jpg");
  assert.match(await outside.text(), /No DeepZoom tile 11\/0_0 in "quad.jpg" \(600×400/);
});

Deno.test("dzi routes are logged under their own route names", async () => {
  const app = fakeApp();
  for (const path of ["/dzi/quad.jpg.dzi", "/dzi/quad.jpg_files/0/0_0.jpg"]) {
    await (await app.request(path)).body?.cancel();
  }
  const metrics = await (await app.request("/metrics")).text();
  assert.match(metrics, /route="dzi_descriptor"/);
  assert.match(metrics, /route="dzi_tile"/);
});
