import assert from "node:assert/strict";
import { CorruptSourceError } from "../../../src/codecs/mod.ts";
import { UpstreamError } from "../../../src/sources/mod.ts";
import { openSourceBytes, S3Profile, sourceCacheKey } from "../../../src/sources/s3/mod.ts";
import { type S3Server, startS3Server } from "./_s3_server.ts";

/** 100 KB whose every byte tells its offset apart from its neighbours'. */
const BYTES = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7 + (i >> 8)) & 255);

async function resolved(s3: S3Server, key: string) {
  const ref = await new S3Profile("s3", { bucket: s3.bucket(), prefix: "" }).resolve(key);
  assert.ok(ref?.s3, `${key} resolves`);
  return ref;
}

function gets(s3: S3Server) {
  return s3.log.filter((entry) => entry.method === "GET");
}

Deno.test("openSourceBytes() reads an S3 object's ranges with one ranged GET each", async () => {
  await using s3 = await startS3Server();
  await s3.put("a.bin", BYTES);
  const opened = await openSourceBytes(await resolved(s3, "a.bin"));
  assert.equal(opened.bytes.size, BYTES.length);
  const ranges = [[0, 16], [65_530, 20], [99_990, 10], [1234, 4321]];
  const reads = await Promise.all(
    ranges.map(([offset, length]) => opened.bytes.read(offset, length)),
  );
  ranges.forEach(([offset, length], i) => {
    assert.deepEqual(
      reads[i],
      BYTES.subarray(offset, offset + length),
      `bytes ${offset}+${length}`,
    );
  });
  assert.deepEqual(
    gets(s3).map((entry) => entry.range).sort(),
    ["bytes=0-15", "bytes=1234-5554", "bytes=65530-65549", "bytes=99990-99999"],
  );
  assert.deepEqual(gets(s3).map((entry) => entry.bytes).sort((a, b) => a - b), [10, 16, 20, 4321]);
  assert.deepEqual(await opened.bytes.read(0, BYTES.length), BYTES, "the whole object");
  opened.close();
});

Deno.test("openSourceBytes() refuses an S3 range past the end without asking", async () => {
  await using s3 = await startS3Server();
  await s3.put("a.bin", BYTES);
  const { bytes } = await openSourceBytes(await resolved(s3, "a.bin"));
  await assert.rejects(bytes.read(99_990, 11), CorruptSourceError, "the object has 100000 bytes");
  await assert.rejects(bytes.read(-1, 2), CorruptSourceError);
  assert.deepEqual(await bytes.read(5, 0), new Uint8Array(0));
  assert.equal(gets(s3).length, 0);
});

Deno.test("openSourceBytes() fails cleanly once the S3 object is replaced or removed", async () => {
  await using s3 = await startS3Server();
  await s3.put("a.bin", BYTES);
  const ref = await resolved(s3, "a.bin");
  const { bytes } = await openSourceBytes(ref);
  assert.deepEqual(await bytes.read(10, 5), BYTES.subarray(10, 15));
  const replaced = BYTES.map((byte) => byte ^ 0xff);
  await s3.put("a.bin", replaced);
  await assert.rejects(bytes.read(10, 5), UpstreamError, "was replaced or removed");
  const shorter = BYTES.slice(0, 50_000);
  await s3.put("a.bin", shorter);
  await assert.rejects(bytes.read(10, 5), UpstreamError, "was replaced or removed");
  const fresh = await openSourceBytes(await resolved(s3, "a.bin"));
  assert.deepEqual(await fresh.bytes.read(10, 5), shorter.subarray(10, 15), "the new version");
});

Deno.test("openSourceBytes() opens a file by its path, with its size as it is now", async () => {
  const path = await Deno.makeTempFile();
  try {
    await Deno.writeFile(path, BYTES.subarray(0, 300));
    const opened = await openSourceBytes({ path });
    assert.equal(opened.bytes.size, 300);
    assert.deepEqual(await opened.bytes.read(290, 10), BYTES.subarray(290, 300));
    opened.close();
    await assert.rejects(openSourceBytes({ path: `${path}.missing` }), Deno.errors.NotFound);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("sourceCacheKey() tells two versions of an S3 object apart by their ETag", async () => {
  await using s3 = await startS3Server();
  await s3.put("a.bin", BYTES);
  const first = await resolved(s3, "a.bin");
  const same = { ...first, s3: { ...first.s3!, etag: '"another"' } };
  assert.notEqual(sourceCacheKey(first), sourceCacheKey(same));
  assert.ok(sourceCacheKey(first).endsWith(`|${first.s3!.etag}`));
  assert.equal(sourceCacheKey({ path: "/a.jpg", mtimeMs: 1, size: 2 }), "/a.jpg|1|2");
});
