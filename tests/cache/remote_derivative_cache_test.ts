import assert from "node:assert/strict";
import {
  answerCacheRequest,
  cacheKey,
  type DerivativeCache,
  DiskDerivativeCache,
  RemoteDerivativeCache,
  SharedCacheUnavailableError,
} from "../../src/cache/mod.ts";
import { bytesOf } from "./derivative_cache_suite.ts";

const ID = "photos:cat.jpg";

/** A remote over `owner`, every message cloned as postMessage would (found bytes transferred). */
function remoteOf(owner: DerivativeCache): RemoteDerivativeCache {
  const remote: RemoteDerivativeCache = new RemoteDerivativeCache((request) => {
    setTimeout(() =>
      answerCacheRequest(owner, structuredClone(request), (reply, transfer) => {
        const delivered = structuredClone(reply, { transfer });
        setTimeout(() => remote.answer(delivered), 0);
      }), 0);
  });
  return remote;
}

Deno.test("RemoteDerivativeCache reaches the owner's cache; only the owner counts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const owner = await DiskDerivativeCache.open(dir, 1 << 20);
    const remote = remoteOf(owner);
    const image = bytesOf(50_000, 3);
    await remote.put(cacheKey("tile"), { identifier: ID, bytes: image });
    assert.deepEqual(await remote.get(cacheKey("tile"), ID), image);
    assert.equal(await remote.get(cacheKey("other"), ID), undefined);
    const { entries, hits, misses } = owner.stats();
    assert.deepEqual({ entries, hits, misses }, { entries: 1, hits: 1, misses: 1 });
    assert.deepEqual(remote.stats(), { entries: 0, bytes: 0, hits: 0, misses: 0 });
    assert.equal(await remote.purge(ID), 1);
    assert.equal(await remote.get(cacheKey("tile"), ID), undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("RemoteDerivativeCache fails as the owner failed: Redis away stays a 503", async () => {
  const failing: DerivativeCache = {
    get: () => Promise.reject(new Error("disk gone")),
    put: () => Promise.reject(new Error("disk full")),
    purge: () => Promise.reject(new SharedCacheUnavailableError("redis:6379")),
    stats: () => ({ entries: 0, bytes: 0, hits: 0, misses: 0 }),
    close: () => {},
  };
  const remote = remoteOf(failing);
  await assert.rejects(
    remote.put(cacheKey("a"), { identifier: ID, bytes: bytesOf(10) }),
    /disk full/,
  );
  await assert.rejects(remote.get(cacheKey("a"), ID), /disk gone/);
  await assert.rejects(remote.purge(ID), (error) => {
    assert.ok(error instanceof SharedCacheUnavailableError);
    assert.match((error as Error).message, /redis:6379/);
    return true;
  });
});

Deno.test("RemoteDerivativeCache.close() fails what still waits for an owner that is gone", async () => {
  const remote = new RemoteDerivativeCache(() => {});
  const waiting = remote.get(cacheKey("a"), ID);
  remote.close();
  await assert.rejects(waiting, /cache closed/);
});
