import assert from "node:assert/strict";
import { vips } from "../codecs/_vips.ts";
import { withDiskApp } from "./_disk_app.ts";

async function setup(sourcePath: string): Promise<void> {
  await vips("gaussnoise", `${sourcePath}/pub/noise.png`, "300", "200");
  await vips("copy", `${sourcePath}/pub/noise.png`, `${sourcePath}/priv/noise.png`);
  await Deno.writeTextFile(`${sourcePath}/pub/notes.txt`, "not an image");
}

async function bytesOf(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

Deno.test("originalRoute() streams the file with its type, name, length and validators", async () => {
  await withDiskApp({ setup }, async (app) => {
    const file = await Deno.readFile(`${app.sourcePath}/pub/noise.png`);
    const response = await app.request("/originals/pub:noise.png");
    assert.equal(response.status, 200);
    assert.deepEqual(await bytesOf(response), file);
    const headers = Object.fromEntries(response.headers);
    assert.equal(headers["content-type"], "image/png");
    assert.equal(headers["content-length"], String(file.byteLength));
    assert.equal(headers["accept-ranges"], "bytes");
    assert.equal(
      headers["content-disposition"],
      `attachment; filename="noise.png"; filename*=UTF-8''noise.png`,
    );
    assert.match(headers["etag"], /^"[0-9a-f]{32}"$/);
    assert.ok(headers["last-modified"]);

    const head = await app.request("/originals/noise.png", { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(head.body, null);
    assert.equal(head.headers.get("content-length"), String(file.byteLength));

    const again = await app.request("/originals/noise.png", {
      headers: { "if-none-match": headers["etag"] },
    });
    assert.equal(again.status, 304);
    assert.equal(again.body, null);
  });
});

Deno.test("originalRoute() answers a single byte range with 206", async () => {
  await withDiskApp({ setup }, async (app) => {
    const file = await Deno.readFile(`${app.sourcePath}/pub/noise.png`);
    const size = file.byteLength;
    const cases = [
      { range: "bytes=10-19", start: 10, end: 19 },
      { range: "bytes=-5", start: size - 5, end: size - 1 },
      { range: `bytes=${size - 3}-`, start: size - 3, end: size - 1 },
      { range: `bytes=0-${size + 100}`, start: 0, end: size - 1 },
    ];
    for (const { range, start, end } of cases) {
      const response = await app.request("/originals/noise.png", { headers: { range } });
      assert.equal(response.status, 206, range);
      assert.equal(response.headers.get("content-range"), `bytes ${start}-${end}/${size}`);
      assert.equal(response.headers.get("content-length"), String(end + 1 - start));
      assert.deepEqual(await bytesOf(response), file.subarray(start, end + 1), range);
    }
  });
});

Deno.test("originalRoute() answers 416, or the whole file when the range is not usable", async () => {
  await withDiskApp({ setup }, async (app) => {
    const file = await Deno.readFile(`${app.sourcePath}/pub/noise.png`);
    const size = file.byteLength;
    const refused = await app.request("/originals/noise.png", {
      headers: { range: `bytes=${size}-` },
    });
    assert.equal(refused.status, 416);
    assert.equal(refused.headers.get("content-range"), `bytes */${size}`);
    await refused.body?.cancel();
    const etag = (await app.request("/originals/noise.png", { method: "HEAD" })).headers.get(
      "etag",
    )!;
    const whole: Record<string, string>[] = [
      { range: "bytes=0-1,5-6" },
      { range: "items=0-1" },
      { range: "bytes=5-2" },
      { range: "bytes=0-9", "if-range": '"stale"' },
    ];
    for (const headers of whole) {
      const response = await app.request("/originals/noise.png", { headers });
      assert.equal(response.status, 200, JSON.stringify(headers));
      assert.equal((await bytesOf(response)).byteLength, size);
    }
    const resumed = await app.request("/originals/noise.png", {
      headers: { range: "bytes=0-9", "if-range": etag },
    });
    assert.equal(resumed.status, 206);
    await resumed.body?.cancel();
  });
});

Deno.test("originalRoute() refuses profiles without downloadable, non-images and unknowns", async () => {
  await withDiskApp({ setup }, async (app) => {
    const cases = [
      { path: "/originals/priv:noise.png", status: 403, message: /does not offer originals/ },
      { path: "/originals/pub:notes.txt", status: 415, message: /./ },
      { path: "/originals/pub:nothing.png", status: 404, message: /Cannot find image/ },
      { path: "/originals/thumbnail", status: 404, message: /Cannot find image "thumbnail"/ },
    ];
    for (const { path, status, message } of cases) {
      const response = await app.request(path);
      assert.equal(response.status, status, path);
      assert.match(await response.text(), message, path);
    }
  });
});
