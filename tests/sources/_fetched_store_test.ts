import assert from "node:assert/strict";
import { FetchedStore } from "../../src/sources/_fetched_store.ts";
import { withTempDir } from "./_fixtures.ts";
import { filesUnder } from "./_upstream.ts";

async function* chunksOf(...chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

async function* chunksThenFailure(): AsyncGenerator<Uint8Array> {
  yield new Uint8Array(100);
  throw new Error("Connection lost");
}

Deno.test("FetchedStore.entryOf() names a file by the URL's hash and path extension", async () => {
  await withTempDir(async (root) => {
    const store = new FetchedStore(root);
    const cases: [url: string, extension: string][] = [
      ["https://x.example/a.JPG", ".jpg"],
      ["https://x.example/a.tiff?size=full", ".tiff"],
      ["https://x.example/dir.d/file", ""],
      ["https://x.example/a.verylongext", ""],
      ["https://x.example/a%2Ejpg", ""],
      ["https://x.example/get?id=a.jpg", ""],
    ];
    for (const [url, extension] of cases) {
      const entry = await store.entryOf(new URL(url));
      assert.match(entry.stem, /^[0-9a-f]{64}$/);
      assert.equal(entry.dir, `${root}/${entry.stem.slice(0, 2)}`);
      assert.equal(entry.path, `${entry.dir}/${entry.stem}${extension}`, url);
    }
    const [a, b] = await Promise.all(
      ["https://x.example/a.jpg", "https://y.example/a.jpg"].map((url) =>
        store.entryOf(new URL(url))
      ),
    );
    assert.notEqual(a.stem, b.stem);
  });
});

Deno.test("FetchedStore.write() stores the bytes and its record, leaving no .part file", async () => {
  await withTempDir(async (root) => {
    const store = new FetchedStore(root);
    const url = new URL("https://x.example/a.png");
    const entry = await store.entryOf(url);
    const body = chunksOf(new Uint8Array([1, 2, 3]), new Uint8Array([4]));
    await store.write(entry, body, { name: "a.png", url });
    assert.deepEqual(await Deno.readFile(entry.path), new Uint8Array([1, 2, 3, 4]));
    assert.equal((await store.find(entry))?.size, 4);
    const prefix = `${entry.stem.slice(0, 2)}/${entry.stem}`;
    assert.deepEqual(await filesUnder(root), [`${prefix}.png`, `${prefix}.source.json`]);
  });
});

Deno.test("FetchedStore.write() removes its .part file when the body fails", async () => {
  await withTempDir(async (root) => {
    const store = new FetchedStore(root);
    const url = new URL("https://x.example/a.png");
    const entry = await store.entryOf(url);
    await assert.rejects(store.write(entry, chunksThenFailure(), { name: "a.png", url }), {
      message: "Connection lost",
    });
    assert.equal(await store.find(entry), undefined);
    assert.deepEqual(await filesUnder(root), []);
  });
});

Deno.test("FetchedStore.names() skips records that are garbled or name nothing", async () => {
  await withTempDir(async (root) => {
    const store = new FetchedStore(root);
    const url = new URL("https://x.example/a.png");
    await store.write(await store.entryOf(url), chunksOf(new Uint8Array(1)), {
      name: "a.png",
      url,
    });
    await Deno.mkdir(`${root}/ff`);
    await Deno.writeTextFile(`${root}/ff/${"f".repeat(64)}.source.json`, "{ not json");
    await Deno.writeTextFile(`${root}/ff/${"e".repeat(64)}.source.json`, '{"url": "x"}');
    assert.deepEqual(await store.names(10), ["a.png"]);
    assert.deepEqual(await store.names(0), []);
  });
});

Deno.test("FetchedStore.names() and sweep() accept a folder that does not exist yet", async () => {
  await withTempDir(async (root) => {
    const store = new FetchedStore(`${root}/none`);
    await store.sweep(Date.now());
    assert.deepEqual(await store.names(10), []);
  });
});
