import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { CacheKey } from "../../src/cache/mod.ts";
import { etagOf } from "../../src/http/conditional.ts";
import { fakeApp } from "./_fake_app.ts";

Deno.test("imageRoute() tags a derivative with the digest the cache names its entry by", async () => {
  const keys: CacheKey[] = [];
  const app = fakeApp({
    render: (plan, key) => {
      keys.push(key);
      return Promise.resolve({ body: new TextEncoder().encode(plan.canonical), cache: "miss" });
    },
  });
  const response = await app.request("/iiif/3/quad.jpg/0,0,100,100/50,/0/default.jpg");
  assert.equal(response.status, 200);
  assert.equal(keys.length, 1);
  const [key] = keys;
  assert.ok(key.text.startsWith("test:quad.jpg|iiif3/0,0,100,100/50,50/0/default.jpg|"), key.text);
  assert.equal(key.digest, createHash("sha256").update(key.text).digest("hex"));
  assert.equal(response.headers.get("etag"), etagOf(key.text));
});
