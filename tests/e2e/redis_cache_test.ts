import assert from "node:assert/strict";
import { parseConfig } from "../../src/config/mod.ts";
import { type RequestLogEntry, type RunningServer, startServer } from "../../src/http/mod.ts";
import { type RedisServer, withRedisServer } from "../cache/_redis_server.ts";
import { cacheTiming, encodeSource, quadrantRaster } from "./server_fixture.ts";

const TOKEN_ENV = "TESSERA_E2E_REDIS_TOKEN";
const TOKEN = "redis-e2e-token";

interface Instance {
  readonly server: RunningServer;
  readonly logs: RequestLogEntry[];
}

/**
 * Two servers sharing one source folder (as instances behind a load balancer share a file store)
 * and one Redis, each with a cache folder of its own; stopped and removed when `body` ends.
 */
async function withTwoInstances(
  redis: RedisServer,
  body: (a: Instance, b: Instance) => Promise<void>,
): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "tessera-redis-e2e-" });
  await Deno.mkdir(`${root}/sources/test`, { recursive: true });
  await Deno.writeFile(
    `${root}/sources/test/quad.png`,
    await encodeSource(quadrantRaster(640, 480), "png"),
  );
  const start = async (name: string): Promise<Instance> => {
    const config = parseConfig({
      host: "127.0.0.1",
      port: 0,
      source_path: "sources",
      cache_path: `cache-${name}`,
      image_pool_size: 1,
      default_profile: "test",
      admin_token_env: TOKEN_ENV,
      derivative_cache: { type: "redis", url: redis.url, timeout_ms: 300 },
      profiles: { test: { type: "disk" } },
    }, { file: `(instance ${name})`, baseDir: root });
    const logs: RequestLogEntry[] = [];
    return { server: await startServer(config, { log: (entry) => logs.push(entry) }), logs };
  };
  Deno.env.set(TOKEN_ENV, TOKEN);
  const a = await start("a");
  const b = await start("b");
  try {
    await body(a, b);
  } finally {
    await Promise.all([a.server.close(), b.server.close()]);
    Deno.env.delete(TOKEN_ENV);
    await Deno.remove(root, { recursive: true });
  }
}

/** GETs a path; returns the status, body and where Server-Timing says the bytes came from. */
async function fetchImage(instance: Instance, path: string) {
  const response = await fetch(`${instance.server.url}${path}`);
  const body = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, body, cache: cacheTiming(response) };
}

async function statusOf(instance: Instance) {
  const response = await fetch(`${instance.server.url}/status`);
  return await response.json();
}

function purge(instance: Instance): Promise<Response> {
  return fetch(`${instance.server.url}/cache/test:quad.png`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${TOKEN}` },
  });
}

const TILE = "/iiif/3/quad.png/0,0,320,240/160,/0/default.jpg";

Deno.test("Redis cache: instance B serves a tile instance A rendered, with no worker job", async () => {
  await withRedisServer(async (redis) => {
    await withTwoInstances(redis, async (a, b) => {
      const made = await fetchImage(a, TILE);
      assert.deepEqual([made.status, made.cache], [200, "miss"]);
      const shared = await fetchImage(b, TILE);
      assert.deepEqual([shared.status, shared.cache], [200, "hit"]);
      assert.deepEqual(shared.body, made.body);
      const status = await statusOf(b);
      assert.equal(status.workers.jobs, 0, "B ran no worker job");
      assert.equal(status.derivativeCache.hits, 1);
      assert.equal(status.derivativeCache.shared.available, true);
      assert.equal(status.derivativeCache.entries, 1);
    });
  });
});

Deno.test("Redis cache: a purge on one instance turns the other's hits into misses", async () => {
  await withRedisServer(async (redis) => {
    await withTwoInstances(redis, async (a, b) => {
      await fetchImage(a, TILE);
      assert.equal((await fetchImage(b, TILE)).cache, "hit");
      const purged = await purge(a);
      assert.deepEqual(await purged.json(), { purged: 1 });
      assert.equal((await fetchImage(b, TILE)).cache, "miss");
      assert.equal((await fetchImage(a, TILE)).cache, "hit", "B's render was shared again");
    });
  });
});

Deno.test("Redis cache: with Redis gone requests are still rendered, then shared again when back", async () => {
  await withRedisServer(async (redis) => {
    await withTwoInstances(redis, async (a, b) => {
      await fetchImage(a, TILE);
      await redis.kill();
      const started = performance.now();
      for (const instance of [a, b, a, b]) {
        const answer = await fetchImage(instance, TILE);
        assert.deepEqual([answer.status, answer.cache], [200, "miss"]);
      }
      assert.ok(performance.now() - started < 5000, "no request waited for Redis");
      const down = await statusOf(b);
      assert.equal(down.derivativeCache.shared.available, false);
      assert.equal(down.derivativeCache.shared.outages, 1);
      const metrics = await (await fetch(`${b.server.url}/metrics`)).text();
      assert.match(metrics, /^tessera_shared_cache_up 0$/m);
      assert.equal((await purge(a)).status, 503, "a purge that cannot reach Redis says so");
      const errors = [...a.logs, ...b.logs].filter((entry) => entry.status >= 500);
      assert.deepEqual(errors.map((entry) => entry.status), [503]);

      await redis.restart();
      const deadline = Date.now() + 8000;
      let cache: string | undefined;
      while (cache !== "hit" && Date.now() < deadline) {
        await fetchImage(a, TILE);
        cache = (await fetchImage(b, TILE)).cache;
      }
      assert.equal(cache, "hit", "B hits again once Redis is back");
      assert.equal((await statusOf(b)).derivativeCache.shared.available, true);
    });
  });
});
