import assert from "node:assert/strict";
import { HotDerivatives } from "../../src/cache/mod.ts";

const entry = (identifier: string, size: number) => ({ identifier, bytes: new Uint8Array(size) });

Deno.test("HotDerivatives keeps the most recently used entries within its byte bound", () => {
  const hot = new HotDerivatives(800);
  hot.set("a", entry("maps:a", 100));
  hot.set("b", entry("maps:b", 100));
  hot.get("a");
  for (let i = 0; i < 7; i++) hot.set(`filler ${i}`, entry("maps:c", 100));
  assert.ok(hot.get("a") !== undefined, "recently used");
  assert.equal(hot.get("b"), undefined, "least recently used, evicted");
  assert.ok(hot.stats().bytes <= 800);
  hot.set("huge", entry("maps:d", 101)); // over an eighth of the bound: not kept
  assert.equal(hot.get("huge"), undefined);
  assert.deepEqual([hot.stats().hits, hot.stats().misses], [2, 2]);
});

Deno.test("HotDerivatives forgets an entry once its time is up", async () => {
  const hot = new HotDerivatives(1024, 40);
  hot.set("tile", entry("maps:a", 10));
  assert.ok(hot.get("tile") !== undefined);
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.equal(hot.get("tile"), undefined);
});

Deno.test("HotDerivatives.purge() drops one identifier's entries only", () => {
  const hot = new HotDerivatives(1024);
  hot.set("a1", entry("maps:a", 10));
  hot.set("a2", entry("maps:a", 10));
  hot.set("b1", entry("maps:b", 10));
  assert.equal(hot.purge("maps:a"), 2);
  assert.deepEqual([hot.get("a1"), hot.get("a2")], [undefined, undefined]);
  assert.ok(hot.get("b1") !== undefined);
  assert.equal(hot.stats().entries, 1);
});
