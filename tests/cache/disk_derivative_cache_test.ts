import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join, relative } from "node:path";
import { cacheKey } from "../../src/cache/cache_key.ts";
import { DiskDerivativeCache } from "../../src/cache/disk_derivative_cache.ts";
import { runDerivativeCacheSuite } from "./derivative_cache_suite.ts";

const KEY_A = "photos:cat.jpg/full/max/0/default.jpg 1700000000000 12345";
const KEY_B = "photos:cat.jpg/0,0,512,512/512,/0/default.jpg 1700000000000 12345";
const ID = "photos:cat.jpg";
const OTHER_ID = "photos:dog.jpg";

async function withTempDir(test: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tessera_cache_" });
  try {
    await test(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A sha256 in hex, computed independently of the implementation. */
function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The folder of an identifier's entries, relative to the cache's directory. */
function ownerPath(identifier = ID): string {
  const owner = sha256Hex(identifier).slice(0, 32);
  return join(owner.slice(0, 2), owner);
}

/** Where the cache must store `key`, relative to its directory. */
function entryPath(key: string, identifier = ID): string {
  return join(ownerPath(identifier), `${sha256Hex(key)}.bin`);
}

/** Every file under `dir`, relative to it, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) files.push(...(await filesUnder(path)).map((f) => join(entry.name, f)));
    else files.push(relative(dir, path));
  }
  return files.sort();
}

function bytesOf(length: number, fill: number): Uint8Array {
  return new Uint8Array(length).fill(fill);
}

Deno.test("DiskDerivativeCache.get() returns what put() stored, as <ab>/<owner>/<sha256>.bin", async () => {
  await withTempDir(async (dir) => {
    const cache = await DiskDerivativeCache.open(dir, 1000);
    await cache.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(10, 1) });
    assert.deepEqual(await cache.get(cacheKey(KEY_A), ID), bytesOf(10, 1));
    assert.deepEqual(await filesUnder(dir), [entryPath(KEY_A)]);
    assert.deepEqual(cache.stats(), { entries: 1, bytes: 10, hits: 1, misses: 0 });
  });
});

Deno.test("DiskDerivativeCache.get() returns undefined for an unknown key", async () => {
  await withTempDir(async (dir) => {
    const cache = await DiskDerivativeCache.open(dir, 1000);
    await cache.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(10, 1) });
    assert.equal(await cache.get(cacheKey(KEY_B), ID), undefined);
    assert.deepEqual(cache.stats(), { entries: 1, bytes: 10, hits: 0, misses: 1 });
  });
});

Deno.test("DiskDerivativeCache.get() treats a file deleted underneath as a miss", async () => {
  await withTempDir(async (dir) => {
    const cache = await DiskDerivativeCache.open(dir, 1000);
    await cache.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(10, 1) });
    await Deno.remove(join(dir, entryPath(KEY_A)));
    assert.equal(await cache.get(cacheKey(KEY_A), ID), undefined);
    assert.deepEqual(cache.stats(), { entries: 0, bytes: 0, hits: 0, misses: 1 });
  });
});

Deno.test("DiskDerivativeCache.put() replaces an entry and counts its new size", async () => {
  await withTempDir(async (dir) => {
    const cache = await DiskDerivativeCache.open(dir, 1000);
    await cache.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(10, 1) });
    await cache.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(20, 2) });
    assert.deepEqual(await cache.get(cacheKey(KEY_A), ID), bytesOf(20, 2));
    assert.deepEqual(cache.stats(), { entries: 1, bytes: 20, hits: 1, misses: 0 });
  });
});

Deno.test("DiskDerivativeCache.put() leaves no temporary file behind", async () => {
  await withTempDir(async (dir) => {
    const cache = await DiskDerivativeCache.open(dir, 1000);
    await Promise.all([
      cache.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(10, 1) }),
      cache.put(cacheKey(KEY_B), { identifier: ID, bytes: bytesOf(10, 2) }),
    ]);
    assert.deepEqual(await filesUnder(dir), [entryPath(KEY_A), entryPath(KEY_B)].sort());
  });
});

Deno.test("DiskDerivativeCache.put() of one key many times at once stores it once", async () => {
  await withTempDir(async (dir) => {
    const cache = await DiskDerivativeCache.open(dir, 1000);
    const puts = Array.from(
      { length: 20 },
      () => cache.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(50, 7) }),
    );
    await Promise.all(puts);
    assert.deepEqual(await filesUnder(dir), [entryPath(KEY_A)]);
    assert.deepEqual(await cache.get(cacheKey(KEY_A), ID), bytesOf(50, 7));
    assert.deepEqual(cache.stats(), { entries: 1, bytes: 50, hits: 1, misses: 0 });
  });
});

Deno.test("DiskDerivativeCache.put() that fails rejects and leaves no file", async () => {
  await withTempDir(async (dir) => {
    const cache = await DiskDerivativeCache.open(dir, 1000);
    // A directory where the entry file must go makes the final rename fail.
    await Deno.mkdir(join(dir, entryPath(KEY_A)), { recursive: true });
    await assert.rejects(cache.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(10, 1) }));
    assert.deepEqual(await filesUnder(dir), []);
    assert.deepEqual(cache.stats(), { entries: 0, bytes: 0, hits: 0, misses: 0 });
  });
});

Deno.test("DiskDerivativeCache.put() evicts the least recently used entries", async () => {
  await withTempDir(async (dir) => {
    const cache = await DiskDerivativeCache.open(dir, 30);
    await cache.put(cacheKey("a"), { identifier: ID, bytes: bytesOf(10, 1) });
    await cache.put(cacheKey("b"), { identifier: ID, bytes: bytesOf(10, 2) });
    await cache.put(cacheKey("c"), { identifier: ID, bytes: bytesOf(10, 3) });
    await cache.get(cacheKey("a"), ID);
    await cache.put(cacheKey("d"), { identifier: ID, bytes: bytesOf(10, 4) });
    assert.equal(await cache.get(cacheKey("b"), ID), undefined);
    await cache.put(cacheKey("e"), { identifier: ID, bytes: bytesOf(20, 5) });
    assert.equal(await cache.get(cacheKey("c"), ID), undefined);
    assert.equal(await cache.get(cacheKey("a"), ID), undefined);
    assert.deepEqual(await cache.get(cacheKey("d"), ID), bytesOf(10, 4));
    assert.deepEqual(await cache.get(cacheKey("e"), ID), bytesOf(20, 5));
    assert.deepEqual(await filesUnder(dir), [entryPath("d"), entryPath("e")].sort());
    assert.equal(cache.stats().bytes, 30);
  });
});

Deno.test("DiskDerivativeCache.put() skips an entry larger than the whole cache", async () => {
  await withTempDir(async (dir) => {
    const cache = await DiskDerivativeCache.open(dir, 30);
    await cache.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(30, 1) });
    await cache.put(cacheKey(KEY_B), { identifier: ID, bytes: bytesOf(31, 2) });
    assert.equal(await cache.get(cacheKey(KEY_B), ID), undefined);
    assert.deepEqual(await cache.get(cacheKey(KEY_A), ID), bytesOf(30, 1));
    assert.deepEqual(await filesUnder(dir), [entryPath(KEY_A)]);
  });
});

Deno.test("DiskDerivativeCache.delete() removes the entry and its file", async () => {
  await withTempDir(async (dir) => {
    const cache = await DiskDerivativeCache.open(dir, 1000);
    await cache.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(10, 1) });
    await cache.delete(cacheKey(KEY_A), ID);
    await cache.delete(cacheKey(KEY_B), ID);
    assert.equal(await cache.get(cacheKey(KEY_A), ID), undefined);
    assert.deepEqual(await filesUnder(dir), []);
    assert.deepEqual(cache.stats(), { entries: 0, bytes: 0, hits: 0, misses: 1 });
  });
});

Deno.test("DiskDerivativeCache.open() finds the entries of a previous run", async () => {
  await withTempDir(async (dir) => {
    const first = await DiskDerivativeCache.open(dir, 1000);
    await first.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(10, 1) });
    await first.put(cacheKey(KEY_B), { identifier: ID, bytes: bytesOf(20, 2) });
    const second = await DiskDerivativeCache.open(dir, 1000);
    assert.deepEqual(second.stats(), { entries: 2, bytes: 30, hits: 0, misses: 0 });
    assert.deepEqual(await second.get(cacheKey(KEY_A), ID), bytesOf(10, 1));
    assert.deepEqual(await second.get(cacheKey(KEY_B), ID), bytesOf(20, 2));
  });
});

Deno.test("DiskDerivativeCache.open() evicts the oldest files when over a lowered limit", async () => {
  await withTempDir(async (dir) => {
    const first = await DiskDerivativeCache.open(dir, 1000);
    for (const key of ["old", "new", "middle"]) {
      await first.put(cacheKey(key), { identifier: ID, bytes: bytesOf(10, 1) });
    }
    await Deno.utime(join(dir, entryPath("old")), 1000, 1000);
    await Deno.utime(join(dir, entryPath("middle")), 2000, 2000);
    await Deno.utime(join(dir, entryPath("new")), 3000, 3000);
    const second = await DiskDerivativeCache.open(dir, 20);
    assert.deepEqual(await filesUnder(dir), [entryPath("middle"), entryPath("new")].sort());
    assert.equal(await second.get(cacheKey("old"), ID), undefined);
    await second.put(cacheKey("newest"), { identifier: ID, bytes: bytesOf(10, 2) });
    assert.equal(await second.get(cacheKey("middle"), ID), undefined);
    assert.deepEqual(await second.get(cacheKey("new"), ID), bytesOf(10, 1));
  });
});

Deno.test("DiskDerivativeCache.open() sweeps files left by interrupted writes", async () => {
  await withTempDir(async (dir) => {
    const first = await DiskDerivativeCache.open(dir, 1000);
    await first.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(10, 1) });
    // What kill -9 during a write leaves (a temporary file), and a power cut (an empty entry).
    const stale = join(dir, ownerPath(), `${sha256Hex(KEY_B)}.${crypto.randomUUID()}.tmp`);
    await Deno.writeFile(stale, bytesOf(5, 9));
    await Deno.writeFile(join(dir, entryPath(KEY_B)), new Uint8Array());
    await Deno.writeTextFile(join(dir, "README.txt"), "not an entry");
    const second = await DiskDerivativeCache.open(dir, 1000);
    assert.deepEqual(await filesUnder(dir), ["README.txt", entryPath(KEY_A)].sort());
    assert.deepEqual(second.stats(), { entries: 1, bytes: 10, hits: 0, misses: 0 });
    assert.equal(await second.get(cacheKey(KEY_B), ID), undefined);
  });
});

Deno.test("DiskDerivativeCache with maxBytes 0 stores nothing and never touches the disk", async () => {
  await withTempDir(async (parent) => {
    const dir = join(parent, "derivatives");
    const cache = await DiskDerivativeCache.open(dir, 0);
    await cache.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(10, 1) });
    assert.equal(await cache.get(cacheKey(KEY_A), ID), undefined);
    assert.deepEqual(cache.stats(), { entries: 0, bytes: 0, hits: 0, misses: 1 });
    await assert.rejects(Deno.stat(dir), Deno.errors.NotFound);
  });
});

Deno.test("DiskDerivativeCache.open() rejects a negative maxBytes with RangeError", async () => {
  await assert.rejects(DiskDerivativeCache.open("/nonexistent", -1), {
    name: "RangeError",
    message: 'Cannot open derivative cache: maxBytes "-1" is invalid',
  });
});

Deno.test("DiskDerivativeCache.purge() removes every entry of one identifier only", async () => {
  await withTempDir(async (dir) => {
    const cache = await DiskDerivativeCache.open(dir, 1000);
    await cache.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(10, 1) });
    await cache.put(cacheKey(KEY_B), { identifier: ID, bytes: bytesOf(20, 2) });
    await cache.put(cacheKey(KEY_A), { identifier: OTHER_ID, bytes: bytesOf(5, 3) });
    assert.equal(await cache.purge(ID), 2);
    assert.equal(await cache.purge(ID), 0);
    assert.deepEqual(await filesUnder(dir), [entryPath(KEY_A, OTHER_ID)]);
    assert.deepEqual(cache.stats(), { entries: 1, bytes: 5, hits: 0, misses: 0 });
    assert.equal(await cache.get(cacheKey(KEY_A), ID), undefined);
    assert.deepEqual(await cache.get(cacheKey(KEY_A), OTHER_ID), bytesOf(5, 3));
  });
});

Deno.test("DiskDerivativeCache.purge() from a second process's cache makes the owner miss", async () => {
  await withTempDir(async (dir) => {
    const owner = await DiskDerivativeCache.open(dir, 1000);
    await owner.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(10, 1) });
    const purger = await DiskDerivativeCache.open(dir, 1000);
    assert.equal(await purger.purge(ID), 1);
    assert.equal(await owner.get(cacheKey(KEY_A), ID), undefined);
    assert.deepEqual(owner.stats(), { entries: 0, bytes: 0, hits: 0, misses: 1 });
  });
});

Deno.test("DiskDerivativeCache.open() sweeps interrupted purges and pre-purge entries", async () => {
  await withTempDir(async (dir) => {
    const first = await DiskDerivativeCache.open(dir, 1000);
    await first.put(cacheKey(KEY_A), { identifier: ID, bytes: bytesOf(10, 1) });
    // What kill -9 between a purge's rename and its removal leaves, and an older release's entry.
    const aside = join(dir, `${ownerPath(OTHER_ID)}.${crypto.randomUUID()}.purging`);
    await Deno.mkdir(aside, { recursive: true });
    await Deno.writeFile(join(aside, `${sha256Hex(KEY_B)}.bin`), bytesOf(5, 9));
    const legacy = join(dir, ownerPath().slice(0, 2), `${sha256Hex(KEY_B)}.bin`);
    await Deno.writeFile(legacy, bytesOf(5, 9));
    const second = await DiskDerivativeCache.open(dir, 1000);
    assert.deepEqual(await filesUnder(dir), [entryPath(KEY_A)]);
    assert.deepEqual(second.stats(), { entries: 1, bytes: 10, hits: 0, misses: 0 });
  });
});

runDerivativeCacheSuite("DiskDerivativeCache", async (maxBytes, body) => {
  await withTempDir(async (dir) => {
    const cache = await DiskDerivativeCache.open(dir, maxBytes);
    try {
      await body(cache);
    } finally {
      cache.close();
    }
  });
});
