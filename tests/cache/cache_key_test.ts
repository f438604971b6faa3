import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cacheKey } from "../../src/cache/mod.ts";

Deno.test("cacheKey() keeps the text with its SHA-256 in hex", () => {
  const text = "photos:cat.jpg|iiif3/full/max/0/default.jpg|1700000000000|12345";
  const key = cacheKey(text);
  assert.equal(key.text, text);
  assert.equal(key.digest, createHash("sha256").update(text).digest("hex"));
  assert.notEqual(cacheKey(`${text} `).digest, key.digest);
});
