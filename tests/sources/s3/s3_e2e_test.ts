/**
 * `s3` profiles served end to end: a real server reading a real S3-compatible server (s3rver),
 * compared byte for byte with the same files served by a disk profile, with the S3 requests
 * each IIIF request costs counted.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  encodeSource,
  get,
  quadrantRaster,
  type TestServer,
  withServer,
} from "../../e2e/server_fixture.ts";
import type { CredentialVariables } from "../../../src/sources/s3/mod.ts";
import {
  BUCKET,
  GOOD_KEYS,
  type S3Server,
  startS3Server,
  WRONG_SECRET_KEYS,
} from "./_s3_server.ts";

const SIDE = 2048;

/** A 2048² picture with gradients and noise, as a binary PPM (which vips reads). */
function noisyPpm(): Uint8Array<ArrayBuffer> {
  const header = new TextEncoder().encode(`P6\n${SIDE} ${SIDE}\n255\n`);
  const ppm = new Uint8Array(header.length + SIDE * SIDE * 3);
  ppm.set(header);
  let seed = 1;
  for (let y = 0, o = header.length; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++, o += 3) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      ppm[o] = (x >> 3) & 255;
      ppm[o + 1] = (y >> 3) & 255;
      ppm[o + 2] = (seed >> 16) & 63;
    }
  }
  return ppm;
}

/** A tiled JPEG pyramid of the picture, written by vips; `quality` makes another version. */
async function pyramid(dir: string, quality: number): Promise<Uint8Array<ArrayBuffer>> {
  const tif = `${dir}/q${quality}.tif`;
  const { code, stderr } = await new Deno.Command("vips", {
    args: ["tiffsave", `${dir}/p.ppm`, tif, "--tile", "--pyramid", "--compression", "jpeg"]
      .concat(["--tile-width", "256", "--tile-height", "256", "--Q", String(quality)]),
    stderr: "piped",
  }).output();
  if (code !== 0) throw new Error(`vips tiffsave: ${new TextDecoder().decode(stderr)}`);
  return await Deno.readFile(tif);
}

/** An `s3` profile on the test server's bucket, reading the credentials `keys` names. */
function s3Profile(
  s3: S3Server,
  keys: CredentialVariables,
  overrides: Record<string, unknown> = {},
) {
  return {
    type: "s3",
    bucket: BUCKET,
    endpoint: s3.endpoint,
    allow_private_networks: true,
    access_key_id_env: keys.accessKeyId,
    secret_access_key_env: keys.secretAccessKey,
    session_token_env: keys.sessionToken,
    ...overrides,
  };
}

/** The GETs S3 saw while `body` ran, and their bytes. */
async function s3Reads(s3: S3Server, body: () => Promise<void>) {
  const start = s3.log.length;
  await body();
  const gets = s3.log.slice(start).filter((entry) => entry.method === "GET");
  return { gets, bytes: gets.reduce((sum, entry) => sum + entry.bytes, 0) };
}

/**
 * GETs `path` from the s3 and the disk profile; both must answer 200 with the same bytes (the
 * identifier in an info.json aside).
 */
async function sameAsDisk(t: TestServer, path: string): Promise<Response> {
  const fromS3 = await get(t, `/iiif/3/s3:${path}`);
  const fromDisk = await get(t, `/iiif/3/test:${path}`);
  const text = new TextDecoder().decode(fromS3.body);
  assert.equal(fromS3.response.status, 200, `${path}: ${text.slice(0, 300)}`);
  const sameId = (body: Uint8Array) =>
    new TextDecoder().decode(body).replace(/\/iiif\/3\/(s3|test):/, "/iiif/3/");
  if (path.endsWith("info.json")) assert.equal(sameId(fromS3.body), sameId(fromDisk.body));
  else assert.deepEqual(fromS3.body, fromDisk.body, `${path}: same bytes as from disk`);
  return fromS3.response;
}

Deno.test("s3 profiles serve pyramids by ranged reads, whole images, and S3's errors", async () => {
  await using s3 = await startS3Server();
  const dir = await Deno.makeTempDir({ prefix: "tessera-s3-e2e-" });
  try {
    await Deno.writeFile(`${dir}/p.ppm`, noisyPpm());
    const [tif, replacement] = await Promise.all([pyramid(dir, 85), pyramid(dir, 60)]);
    const jpg = await encodeSource(quadrantRaster(640, 480), "jpg") as Uint8Array<ArrayBuffer>;
    for (const [key, bytes] of [["p.tif", tif], ["r.tif", tif], ["q.jpg", jpg]] as const) {
      await s3.put(key, bytes);
    }
    const config = {
      image_pool_size: 1,
      derivative_cache_max_bytes: 0,
      profiles: {
        test: { type: "disk" },
        s3: s3Profile(s3, GOOD_KEYS, { listable: true }),
        wrong: s3Profile(s3, WRONG_SECRET_KEYS),
        guarded: s3Profile(s3, GOOD_KEYS, { allow_private_networks: false }),
      },
    };
    await withServer({ files: { "p.tif": tif, "q.jpg": jpg }, config }, async (t) => {
      await checkPyramid(t, s3, tif.length);
      await checkWholeJpeg(t, s3, jpg.length);
      await checkErrors(t);
      await checkReplaced(t, s3, replacement);
      const landing = new TextDecoder().decode((await get(t, "/")).body);
      assert.match(landing, /s3:p\.tif/);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function checkPyramid(t: TestServer, s3: S3Server, objectBytes: number): Promise<void> {
  const info = await s3Reads(s3, async () => {
    await sameAsDisk(t, "p.tif/info.json");
  });
  const first = await s3Reads(s3, async () => {
    const response = await sameAsDisk(t, "p.tif/0,0,256,256/256,/0/default.jpg");
    assert.match(response.headers.get("server-timing") ?? "", /source;desc="tile"/);
  });
  const next = await s3Reads(s3, async () => {
    await sameAsDisk(t, "p.tif/256,0,256,256/256,/0/default.jpg");
  });
  const resampled = await s3Reads(s3, async () => {
    await sameAsDisk(t, "p.tif/512,512,512,512/256,/0/default.png");
  });
  // The probe reads the first 64 KiB of any source (a JPEG's header), then a TIFF's directories.
  const limits = [[info, 65_536 + 8_192], [first, 16_384], [next, 8_192], [resampled, 32_768]];
  for (const [reads, limit] of limits as [typeof info, number][]) {
    assert.ok(reads.gets.every((entry) => entry.range?.startsWith("bytes=")), "only ranged GETs");
    assert.ok(reads.bytes <= limit, `${reads.bytes} bytes read of ${objectBytes}`);
  }
  assert.ok(first.gets.length <= 16, `${first.gets.length} GETs for the worker's first tile`);
  assert.equal(next.gets.length, 1, "one GET for the next tile of an opened pyramid");
}

async function checkWholeJpeg(t: TestServer, s3: S3Server, objectBytes: number): Promise<void> {
  const reads = await s3Reads(s3, async () => {
    await sameAsDisk(t, "q.jpg/info.json");
    await sameAsDisk(t, "q.jpg/full/max/0/default.png");
  });
  const ranges = reads.gets.map((entry) => entry.range);
  const whole = `bytes=0-${objectBytes - 1}`;
  // The probe asks for the first 64 KiB, which is all of this JPEG; the worker reads it whole.
  assert.deepEqual(ranges, [whole, whole], "one GET to probe, one to decode");
}

async function checkErrors(t: TestServer): Promise<void> {
  const missing = await get(t, "/iiif/3/s3:missing.tif/info.json");
  assert.equal(missing.response.status, 404);
  const wrong = await get(t, "/iiif/3/wrong:p.tif/info.json");
  assert.equal(wrong.response.status, 502);
  assert.match(
    new TextDecoder().decode(wrong.body),
    /^Cannot read "wrong:p\.tif" from S3 bucket "images": it answered HTTP 403 \(SignatureDoesNotMatch: /,
  );
  const guarded = await get(t, "/iiif/3/guarded:p.tif/info.json");
  assert.equal(guarded.response.status, 403);
  assert.match(new TextDecoder().decode(guarded.body), /127\.0\.0\.1 is a loopback address/);
}

/** Replaced between info.json and a tile: an error, never a tile of the one planned by the other. */
async function checkReplaced(
  t: TestServer,
  s3: S3Server,
  replacement: Uint8Array<ArrayBuffer>,
): Promise<void> {
  assert.equal((await get(t, "/iiif/3/s3:r.tif/info.json")).response.status, 200);
  await s3.put("r.tif", replacement);
  const tile = await get(t, "/iiif/3/s3:r.tif/0,0,512,512/256,/0/default.png");
  assert.ok(tile.response.status >= 500, `status ${tile.response.status}`);
  const logged = t.logs.findLast((entry) => entry.path.includes("s3:r.tif/0,0,512,512"));
  assert.match(logged?.error ?? "", /was replaced or removed since it was looked up/);
}
