import assert from "node:assert/strict";
import { fakeApp } from "./_fake_app.ts";

Deno.test("derivativeRoute() asks for a width-bounded JPEG, never wider than the image", async () => {
  const app = fakeApp({ config: { thumbnail_width: 150, preview_width: 800 } });
  const cases = [
    { path: "/quad.jpg/thumbnail", canonical: "full/150,100/0/default.jpg" },
    { path: "/test:quad.jpg/thumbnail", canonical: "full/150,100/0/default.jpg" },
    // The image is 600 wide, narrower than preview_width: its own size, not enlarged.
    { path: "/quad.jpg/preview", canonical: "full/max/0/default.jpg" },
  ];
  for (const { path, canonical } of cases) {
    const response = await app.request(path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get("content-type"), "image/jpeg");
    assert.equal(await response.text(), canonical, path);
  }
  assert.deepEqual(app.rendered.map((plan) => [plan.width, plan.height]), [
    [150, 100],
    [150, 100],
    [600, 400],
  ]);
});

Deno.test("derivativeRoute() leaves the paths of other routes alone", async () => {
  const app = fakeApp();
  for (const path of ["/iiif/thumbnail", "/status/preview", "/metrics/thumbnail", "/dzi/preview"]) {
    const response = await app.request(path);
    assert.equal(response.status, 404, path);
    assert.match(await response.text(), /No such resource/, path);
  }
  const missing = await app.request("/nothing.jpg/thumbnail");
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /Cannot find image "nothing.jpg"/);
  assert.equal(app.rendered.length, 0);
});
