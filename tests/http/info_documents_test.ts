import assert from "node:assert/strict";
import { fakeApp } from "./_fake_app.ts";

Deno.test("a public info.json is built once per version and origin, then sent as kept", async () => {
  const app = fakeApp();
  const fetchInfo = async (path: string, host = "tessera.test") => {
    const response = await app.request(path, { headers: { host } });
    return { etag: response.headers.get("etag"), json: await response.json() };
  };
  const first = await fetchInfo("/iiif/3/quad.jpg/info.json");
  const second = await fetchInfo("/iiif/3/quad.jpg/info.json");
  assert.deepEqual(second, first);
  assert.equal(app.probed.length, 1, "the second answer was built again");
  const version2 = await fetchInfo("/iiif/2/quad.jpg/info.json");
  assert.equal(version2.json["@id"], "http://tessera.test/iiif/2/quad.jpg");
  const proxied = await fetchInfo("/iiif/3/quad.jpg/info.json", "images.example.org");
  assert.equal(proxied.json.id, "http://images.example.org/iiif/3/quad.jpg");
  assert.notEqual(proxied.etag, first.etag);
  assert.equal(app.probed.length, 3, "another version or origin is another document");
});
