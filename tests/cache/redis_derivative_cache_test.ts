import assert from "node:assert/strict";
import { parseRedisUrl } from "../../src/cache/_redis_address.ts";
import { RedisConnection } from "../../src/cache/_redis_connection.ts";
import {
  cacheKey,
  MAX_SHARED_ENTRY_BYTES,
  type RedisCacheOptions,
  RedisDerivativeCache,
  SharedCacheUnavailableError,
} from "../../src/cache/mod.ts";
import { freePort, type RedisServer, withRedisServer } from "./_redis_server.ts";
import { bytesOf, runDerivativeCacheSuite } from "./derivative_cache_suite.ts";

const ID = "samples:map.tif";

/** A cache on `url` whose log lines are collected; closed when `body` ends. */
async function withCache(
  url: string,
  options: Partial<RedisCacheOptions>,
  body: (cache: RedisDerivativeCache, logs: string[]) => Promise<void>,
): Promise<void> {
  const logs: string[] = [];
  const cache = new RedisDerivativeCache({
    address: parseRedisUrl(url)!,
    maxBytes: 1 << 20,
    ttlSeconds: 60,
    keyPrefix: "test:",
    timeoutMs: 300,
    log: (message) => logs.push(message),
    ...options,
  });
  try {
    await body(cache, logs);
  } finally {
    cache.close();
  }
}

/** Retries `check` for up to 5 s: the connection backs off for up to 3 s after a failure. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 5000;) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail("condition not met within 5 s");
}

runDerivativeCacheSuite("RedisDerivativeCache", async (maxBytes, body) => {
  await withRedisServer(async (redis) => {
    await withCache(redis.url, { maxBytes }, body);
  });
});

Deno.test("RedisDerivativeCache.get() on one instance returns what put() stored on another", async () => {
  await withRedisServer(async (redis) => {
    await withCache(redis.url, {}, async (a) => {
      await withCache(redis.url, {}, async (b) => {
        // Every byte value, CR and LF included, and more than one read's worth.
        const image = bytesOf(300_000);
        await a.put(cacheKey("tile 1"), { identifier: ID, bytes: image });
        assert.deepEqual(await b.get(cacheKey("tile 1"), ID), image);
        assert.equal(await b.get(cacheKey("tile 2"), ID), undefined);
        assert.deepEqual(b.stats(), {
          entries: 1,
          bytes: 300_000,
          hits: 1,
          misses: 1,
          shared: { address: `127.0.0.1:${redis.port}`, available: true, failures: 0, outages: 0 },
        });
      });
    });
  });
});

Deno.test("RedisDerivativeCache instances with different key prefixes share nothing", async () => {
  await withRedisServer(async (redis) => {
    await withCache(redis.url, { keyPrefix: "staging:" }, async (staging) => {
      await withCache(redis.url, { keyPrefix: "production:" }, async (production) => {
        await staging.put(cacheKey("tile"), { identifier: ID, bytes: bytesOf(10) });
        assert.equal(await production.get(cacheKey("tile"), ID), undefined);
        assert.equal(await production.purge(ID), 0);
        assert.ok(await staging.get(cacheKey("tile"), ID));
      });
    });
  });
});

Deno.test("RedisDerivativeCache answers many concurrent requests on one pipelined connection", async () => {
  await withRedisServer(async (redis) => {
    await withCache(redis.url, {}, async (cache) => {
      const keys = Array.from({ length: 60 }, (_, i) => `tile ${i}`);
      await Promise.all(
        keys.map((key, i) =>
          cache.put(cacheKey(key), { identifier: ID, bytes: bytesOf(5000 + i, i) })
        ),
      );
      const read = await Promise.all(keys.map((key) => cache.get(cacheKey(key), ID)));
      read.forEach((bytes, i) => assert.deepEqual(bytes, bytesOf(5000 + i, i), keys[i]));
    });
  });
});

Deno.test("RedisDerivativeCache sends a script's source only while Redis has not cached it", async () => {
  await withRedisServer(async (redis) => {
    const admin = new RedisConnection(parseRedisUrl(redis.url)!, { timeoutMs: 1000 });
    try {
      await withCache(redis.url, {}, async (cache) => {
        await cache.put(cacheKey("a"), { identifier: ID, bytes: bytesOf(10) });
        assert.ok(await cache.get(cacheKey("a"), ID));
        const loads = await callsOf(admin, "script|load");
        assert.ok(await cache.get(cacheKey("a"), ID));
        assert.equal(
          await callsOf(admin, "script|load"),
          loads,
          "a cached script goes by its SHA-1",
        );
        assert.deepEqual(await admin.send([["SCRIPT", "FLUSH"]]), ["OK"]);
        // Concurrent writes that all find PUT_SCRIPT missing share one SCRIPT LOAD.
        await Promise.all(
          ["b", "c", "d"].map((key) =>
            cache.put(cacheKey(key), { identifier: ID, bytes: bytesOf(10) })
          ),
        );
        assert.equal(
          await callsOf(admin, "script|load"),
          loads + 1,
          "a flushed script is loaded once",
        );
        assert.equal(
          await callsOf(admin, "eval"),
          0,
          "no value goes out a second time with the source",
        );
        for (const key of ["a", "b", "c", "d"]) {
          assert.deepEqual(await cache.get(cacheKey(key), ID), bytesOf(10), key);
        }
        assert.equal(cache.stats().shared?.failures, 0);
      });
    } finally {
      admin.close();
    }
  });
});

Deno.test("RedisDerivativeCache works for a user whose ACL allows EVAL but not EVALSHA", async () => {
  await withRedisServer(async (redis) => {
    const admin = new RedisConnection(parseRedisUrl(redis.url)!, { timeoutMs: 1000 });
    try {
      const user = ["evalonly", "on", ">pw-evalonly", "~*", "&*", "+@all", "-evalsha"];
      assert.deepEqual(await admin.send([["ACL", "SETUSER", ...user]]), ["OK"]);
      const url = redis.url.replace("redis://", "redis://evalonly:pw-evalonly@");
      await withCache(url, {}, async (cache) => {
        await cache.put(cacheKey("a"), { identifier: ID, bytes: bytesOf(10) });
        assert.deepEqual(await cache.get(cacheKey("a"), ID), bytesOf(10));
        assert.equal(await cache.purge(ID), 1);
        assert.equal(cache.stats().shared?.failures, 0);
      });
    } finally {
      admin.close();
    }
  });
});

/** How many times Redis has run `command`, from `INFO commandstats`. */
async function callsOf(admin: RedisConnection, command: string): Promise<number> {
  const [info] = await admin.send([["INFO", "commandstats"]]);
  assert.ok(info instanceof Uint8Array);
  const stat = `cmdstat_${command}:calls=`;
  const text = new TextDecoder().decode(info);
  const at = text.indexOf(stat);
  return at < 0 ? 0 : Number.parseInt(text.slice(at + stat.length));
}

Deno.test("RedisDerivativeCache.put() does not share an entry over 8 MiB", async () => {
  await withRedisServer(async (redis) => {
    await withCache(redis.url, { maxBytes: 64 << 20 }, async (cache) => {
      await cache.put(cacheKey("huge"), {
        identifier: ID,
        bytes: new Uint8Array(MAX_SHARED_ENTRY_BYTES + 1),
      });
      await cache.put(cacheKey("large"), {
        identifier: ID,
        bytes: new Uint8Array(MAX_SHARED_ENTRY_BYTES),
      });
      assert.equal(await cache.get(cacheKey("huge"), ID), undefined);
      assert.equal((await cache.get(cacheKey("large"), ID))?.byteLength, MAX_SHARED_ENTRY_BYTES);
    });
  });
});

Deno.test("RedisDerivativeCache entries expire after ttl seconds without use", async () => {
  await withRedisServer(async (redis) => {
    await withCache(redis.url, { ttlSeconds: 1 }, async (cache) => {
      await cache.put(cacheKey("a"), { identifier: ID, bytes: bytesOf(10) });
      assert.ok(await cache.get(cacheKey("a"), ID));
      await new Promise((resolve) => setTimeout(resolve, 1200));
      assert.equal(await cache.get(cacheKey("a"), ID), undefined);
      // The next put forgets the expired entry in the byte count too.
      await cache.put(cacheKey("b"), { identifier: ID, bytes: bytesOf(7) });
      assert.deepEqual([cache.stats().entries, cache.stats().bytes], [1, 7]);
    });
  });
});

Deno.test("RedisDerivativeCache.purge() removes one image's entries, whoever stored them", async () => {
  await withRedisServer(async (redis) => {
    await withCache(redis.url, {}, async (a) => {
      await withCache(redis.url, {}, async (b) => {
        await a.put(cacheKey("1"), { identifier: ID, bytes: bytesOf(10) });
        await b.put(cacheKey("2"), { identifier: ID, bytes: bytesOf(10) });
        await b.put(cacheKey("3"), { identifier: "samples:other.tif", bytes: bytesOf(10) });
        assert.equal(await a.purge(ID), 2);
        assert.equal(await b.get(cacheKey("1"), ID), undefined);
        assert.equal(await b.get(cacheKey("2"), ID), undefined);
        assert.ok(await a.get(cacheKey("3"), "samples:other.tif"));
        assert.equal(await a.purge(ID), 0);
        assert.deepEqual([b.stats().entries, b.stats().bytes], [1, 10]);
      });
    });
  });
});

Deno.test("RedisDerivativeCache degrades to misses while Redis is down and logs once per outage", async () => {
  await withRedisServer(async (redis) => {
    await withCache(redis.url, {}, async (cache, logs) => {
      await cache.put(cacheKey("a"), { identifier: ID, bytes: bytesOf(10) });
      await redis.kill();
      for (let i = 0; i < 5; i++) {
        assert.equal(await cache.get(cacheKey("a"), ID), undefined);
        await cache.put(cacheKey("b"), { identifier: ID, bytes: bytesOf(10) });
      }
      await assert.rejects(cache.purge(ID), SharedCacheUnavailableError);
      const down = cache.stats().shared;
      assert.equal(down?.available, false);
      assert.equal(down?.outages, 1);
      assert.equal(down?.failures, 10);
      assert.equal(logs.length, 1);
      assert.match(logs[0], /is unavailable, serving without it/);

      await redis.restart();
      await eventually(async () => {
        await cache.put(cacheKey("c"), { identifier: ID, bytes: bytesOf(10) });
        return (await cache.get(cacheKey("c"), ID)) !== undefined;
      });
      assert.equal(cache.stats().shared?.available, true);
      assert.equal(logs.length, 2);
      assert.match(logs[1], /is available again/);
    });
  });
});

Deno.test("RedisDerivativeCache.get() of a Redis that stops answering misses within the timeout", async () => {
  await withRedisServer(async (redis) => {
    await withCache(redis.url, { timeoutMs: 200 }, async (cache) => {
      await cache.put(cacheKey("a"), { identifier: ID, bytes: bytesOf(10) });
      redis.freeze(true);
      try {
        const started = performance.now();
        const results = await Promise.all([
          cache.get(cacheKey("a"), ID),
          cache.get(cacheKey("a"), ID),
        ]);
        assert.deepEqual(results, [undefined, undefined]);
        assert.ok(performance.now() - started < 1000, "no request hangs");
      } finally {
        redis.freeze(false);
      }
      await eventually(async () => (await cache.get(cacheKey("a"), ID)) !== undefined);
    });
  });
});

Deno.test("RedisDerivativeCache.get() misses when the connection drops in the middle of a reply", async () => {
  const port = freePort();
  const listener = Deno.listen({ hostname: "127.0.0.1", port });
  const serving = (async () => {
    const conn = await listener.accept();
    await conn.read(new Uint8Array(65536));
    await conn.write(new TextEncoder().encode("*3\r\n$100\r\nonly part"));
    conn.close();
  })();
  await withCache(`redis://127.0.0.1:${port}`, {}, async (cache, logs) => {
    assert.equal(await cache.get(cacheKey("a"), ID), undefined);
    assert.equal(cache.stats().shared?.failures, 1);
    assert.match(logs[0], /Connection closed by Redis/);
  });
  await serving;
  listener.close();
});

Deno.test("RedisDerivativeCache logs in with the URL's password and selects its database", async () => {
  await withRedisServer(async (redis: RedisServer) => {
    await withCache(redis.url, {}, async (admin) => {
      // Put an entry in database 0, then require a password from now on.
      await admin.put(cacheKey("a"), { identifier: ID, bytes: bytesOf(10) });
      await setPassword(redis.port, "s3cret");
    });
    await withCache(`redis://:wrong@127.0.0.1:${redis.port}/0`, {}, async (cache, logs) => {
      assert.equal(await cache.get(cacheKey("a"), ID), undefined);
      assert.match(logs[0], /WRONGPASS/);
    });
    await withCache(`redis://:s3cret@127.0.0.1:${redis.port}/0`, {}, async (cache) => {
      assert.ok(await cache.get(cacheKey("a"), ID));
    });
    await withCache(`redis://:s3cret@127.0.0.1:${redis.port}/3`, {}, async (cache) => {
      assert.equal(await cache.get(cacheKey("a"), ID), undefined, "database 3 is another keyspace");
      assert.equal(cache.stats().shared?.failures, 0);
    });
  });
});

/** `CONFIG SET requirepass` over a raw connection. */
async function setPassword(port: number, password: string): Promise<void> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const command =
    `*4\r\n$6\r\nCONFIG\r\n$3\r\nSET\r\n$11\r\nrequirepass\r\n$${password.length}\r\n` +
    `${password}\r\n`;
  await conn.write(new TextEncoder().encode(command));
  const reply = new Uint8Array(64);
  const count = await conn.read(reply);
  conn.close();
  assert.equal(new TextDecoder().decode(reply.subarray(0, count ?? 0)), "+OK\r\n");
}

Deno.test("parseRedisUrl() reads host, port, database and credentials", () => {
  const rows: [string, string | undefined, ReturnType<typeof parseRedisUrl>][] = [
    ["redis://cache", undefined, { hostname: "cache", port: 6379, db: 0 }],
    ["redis://10.0.0.5:7000/", undefined, { hostname: "10.0.0.5", port: 7000, db: 0 }],
    ["redis://[::1]:7000/4", undefined, { hostname: "::1", port: 7000, db: 4 }],
    ["redis://:p%40ss@h/1", undefined, { hostname: "h", port: 6379, db: 1, password: "p@ss" }],
    ["redis://ann:x@h", "fromEnv", {
      hostname: "h",
      port: 6379,
      db: 0,
      username: "ann",
      password: "fromEnv",
    }],
  ];
  for (const [url, password, expected] of rows) {
    assert.deepEqual(parseRedisUrl(url, password), expected, url);
  }
});

Deno.test("parseRedisUrl() refuses other schemes, a missing host, a non-numeric path, a bad escape", () => {
  for (const url of ["http://h", "redis:///1", "redis://h/db", "not a url", "redis://:%ZZ@h"]) {
    assert.equal(parseRedisUrl(url), undefined, url);
  }
});
