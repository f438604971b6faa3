import assert from "node:assert/strict";
import { parseConfig } from "../../src/config/mod.ts";
import { imageWorkerCount, listenerShare } from "../../src/http/listener_share.ts";

function configOf(settings: Record<string, unknown>) {
  return parseConfig(settings, { file: "(test)", baseDir: "/tmp" });
}

Deno.test("listenerShare() shares out workers, queue and memory cache, at least two workers each", () => {
  for (
    const [listeners, workers, queue, memory] of [[2, 2, 64, 1000], [3, 8, 10, 999], [4, 2, 3, 7], [
      2,
      1,
      8,
      0,
    ], [3, 9, 64, 5]]
  ) {
    const config = configOf({
      http_listeners: listeners,
      image_pool_size: workers,
      queue_limit: queue,
      derivative_cache_memory_bytes: memory,
    });
    const shares = Array.from(
      { length: listeners },
      (_, index) => listenerShare(config, index, 9000),
    );
    const sum = (key: "image_pool_size" | "queue_limit" | "derivative_cache_memory_bytes") =>
      shares.reduce((total, share) => total + share[key], 0);
    const least = Math.min(2, workers);
    assert.equal(
      sum("image_pool_size"),
      Math.max(workers, least * listeners),
      `${listeners} × ${workers}`,
    );
    assert.equal(sum("queue_limit"), Math.max(queue, listeners));
    assert.equal(imageWorkerCount(config), sum("image_pool_size"));
    assert.equal(sum("derivative_cache_memory_bytes"), memory, "the memory bound holds in all");
    for (const share of shares) {
      assert.ok(share.image_pool_size >= least && share.queue_limit >= 1);
      assert.equal(share.port, 9000);
      assert.equal(share.image_cache_size_per_worker, config.image_cache_size_per_worker);
    }
  }
});

Deno.test("http_listeners is 1 by default and from 1 to 64", () => {
  assert.equal(configOf({}).http_listeners, 1);
  assert.equal(configOf({ http_listeners: 64 }).http_listeners, 64);
  for (const bad of [0, 65, 1.5, "2"]) {
    assert.throws(() => configOf({ http_listeners: bad }), /http_listeners/);
  }
});
