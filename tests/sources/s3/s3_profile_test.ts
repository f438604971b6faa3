import assert from "node:assert/strict";
import {
  ForbiddenSourceError,
  UpstreamError,
  UpstreamTimeoutError,
} from "../../../src/sources/mod.ts";
import { S3Profile, type S3ProfileOptions } from "../../../src/sources/s3/mod.ts";
import { BUCKET, type S3Server, startS3Server, WRONG_SECRET_KEYS } from "./_s3_server.ts";

const BYTES = new TextEncoder().encode("not an image, just bytes");

function profileOver(s3: S3Server, options: Partial<S3ProfileOptions> = {}): S3Profile {
  return new S3Profile("scans", { bucket: s3.bucket(), prefix: "tessera/", ...options });
}

function requests(s3: S3Server, method: string): number {
  return s3.log.filter((entry) => entry.method === method).length;
}

Deno.test("S3Profile.resolve() finds an object under the prefix: size, mtime, ETag", async () => {
  await using s3 = await startS3Server();
  const name = "2019/a b é+&.tif";
  await s3.put(`tessera/${name}`, BYTES);
  const before = Date.now();
  const ref = await profileOver(s3).resolve(name);
  assert.ok(ref?.s3);
  assert.deepEqual(
    [ref.profile, ref.name, ref.path, ref.size, ref.s3.key, ref.s3.size],
    ["scans", name, `s3://${BUCKET}/tessera/${name}`, BYTES.length, `tessera/${name}`, 24],
  );
  assert.match(ref.s3.etag, /^"[0-9a-f]{32}"$/);
  // Last-Modified has whole seconds.
  assert.ok(Math.abs(ref.mtimeMs - before) < 2_000, `${ref.mtimeMs} vs ${before}`);
  const head = s3.log.find((entry) => entry.method === "HEAD");
  assert.equal(head?.url, `/${BUCKET}/tessera/2019/a%20b%20%C3%A9%2B%26.tif`);
});

Deno.test("S3Profile.resolve() answers undefined for a missing key, and for dot segments unasked", async () => {
  await using s3 = await startS3Server();
  await s3.put("secret.tif", BYTES);
  const profile = profileOver(s3);
  assert.equal(await profile.resolve("missing.tif"), undefined);
  const asked = s3.log.length;
  for (const name of ["../secret.tif", "a/../../secret.tif", "./x.tif", "a//b.tif", "a/"]) {
    assert.equal(await profile.resolve(name), undefined, name);
  }
  assert.equal(s3.log.length, asked, "no request for names with ., .. or empty segments");
});

Deno.test("S3Profile.resolve() reuses a lookup for lookupTtlMs and shares concurrent ones", async () => {
  await using s3 = await startS3Server();
  await s3.put("tessera/a.tif", BYTES);
  const profile = profileOver(s3, { lookupTtlMs: 300 });
  const refs = await Promise.all([1, 2, 3, 4].map(() => profile.resolve("a.tif")));
  assert.ok(refs.every((ref) => ref?.size === BYTES.length));
  await profile.resolve("a.tif");
  await profile.resolve("missing.tif");
  await profile.resolve("missing.tif");
  assert.equal(requests(s3, "HEAD"), 2, "one HEAD per name while fresh, found or not");
  await new Promise((resolve) => setTimeout(resolve, 350));
  await profile.resolve("a.tif");
  assert.equal(requests(s3, "HEAD"), 3, "looked up again once stale");
});

Deno.test("S3Profile.resolve() throws UpstreamError naming S3's code for wrong credentials", async () => {
  await using s3 = await startS3Server();
  await s3.put("tessera/a.tif", BYTES);
  const wrongSecret = new S3Profile("scans", {
    bucket: s3.bucket({ credentialVariables: WRONG_SECRET_KEYS }),
    prefix: "tessera/",
  });
  await assert.rejects(
    wrongSecret.resolve("a.tif"),
    (error: Error) =>
      error instanceof UpstreamError &&
      error.message.startsWith(`Cannot read "scans:a.tif" from S3 bucket "${BUCKET}"`) &&
      error.message.includes("HTTP 403 (SignatureDoesNotMatch: The request signature"),
  );
  Deno.env.set("TESSERA_TEST_S3_UNKNOWN_ID", "NOBODY");
  const unknownKey = new S3Profile("scans", {
    bucket: s3.bucket({
      credentialVariables: { ...WRONG_SECRET_KEYS, accessKeyId: "TESSERA_TEST_S3_UNKNOWN_ID" },
    }),
    prefix: "tessera/",
  });
  await assert.rejects(unknownKey.resolve("a.tif"), UpstreamError, "InvalidAccessKeyId");
});

Deno.test("S3Profile refuses a private endpoint unless allowed, before any request", async () => {
  await using s3 = await startS3Server();
  await s3.put("tessera/a.tif", BYTES);
  const profile = profileOver(s3, { bucket: s3.bucket({ allowPrivateNetworks: false }) });
  await assert.rejects(profile.resolve("a.tif"), ForbiddenSourceError, "127.0.0.1 is a loopback");
  await assert.rejects(profile.list(), ForbiddenSourceError);
  assert.equal(s3.log.length, 1, "only the test's own PUT");
});

Deno.test("S3Profile.resolve() throws UpstreamTimeoutError when S3 does not answer in time", async () => {
  const closing = new AbortController();
  const silent = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () =>
      new Promise<Response>((resolve) =>
        closing.signal.addEventListener("abort", () => resolve(new Response(null)))
      ),
  );
  try {
    const profile = new S3Profile("scans", {
      bucket: {
        endpoint: `http://127.0.0.1:${silent.addr.port}`,
        region: "us-east-1",
        name: BUCKET,
        pathStyle: true,
        allowPrivateNetworks: true,
        timeoutMs: 150,
        credentialVariables: WRONG_SECRET_KEYS,
      },
      prefix: "",
    });
    const started = performance.now();
    await assert.rejects(profile.resolve("a.tif"), UpstreamTimeoutError, "timeout_ms (150 ms)");
    assert.ok(performance.now() - started < 1_000);
  } finally {
    closing.abort();
    await silent.shutdown();
  }
});

Deno.test("S3Profile.list() lists the names under the prefix, sorted, without folders", async () => {
  await using s3 = await startS3Server();
  for (const key of ["tessera/b.tif", "tessera/a/c.jpg", "tessera/a/", "other/x.tif", "tess.tif"]) {
    await s3.put(key, BYTES);
  }
  const profile = profileOver(s3);
  assert.deepEqual(await profile.list(), ["a/c.jpg", "b.tif"]);
  assert.deepEqual(await profile.list(), ["a/c.jpg", "b.tif"]);
  const lists = s3.log.filter((entry) => entry.url.includes("list-type=2"));
  assert.equal(lists.length, 1, "reused for listTtlMs");
  assert.equal(lists[0].url, `/${BUCKET}?list-type=2&prefix=tessera%2F`);
});

Deno.test("new S3Profile() throws TypeError when only the key id is in the environment", async () => {
  await using s3 = await startS3Server();
  const credentialVariables = { ...WRONG_SECRET_KEYS, secretAccessKey: "TESSERA_TEST_S3_UNSET" };
  assert.throws(
    () => profileOver(s3, { bucket: s3.bucket({ credentialVariables }) }),
    TypeError,
    "TESSERA_TEST_S3_KEY_ID is set but TESSERA_TEST_S3_UNSET is not",
  );
});

Deno.test("S3Profile.resolve() asks a GET why a HEAD was refused: 403 NoSuchKey is missing", async () => {
  const answers: Record<string, string> = {
    "gone.tif": "<Error><Code>NoSuchKey</Code><Message>The key does not exist</Message></Error>",
    "private.tif": "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>",
  };
  const methods: string[] = [];
  // S3 answers 403 with no body to a HEAD of a missing key from a client that may not list.
  const refusing = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    methods.push(request.method);
    const body = answers[new URL(request.url).pathname.split("/").pop()!];
    return new Response(request.method === "HEAD" ? null : body, { status: 403 });
  });
  try {
    const profile = new S3Profile("scans", {
      bucket: {
        endpoint: `http://127.0.0.1:${refusing.addr.port}`,
        region: "us-east-1",
        name: BUCKET,
        pathStyle: true,
        allowPrivateNetworks: true,
        timeoutMs: 2_000,
        credentialVariables: WRONG_SECRET_KEYS,
      },
      prefix: "",
    });
    assert.equal(await profile.resolve("gone.tif"), undefined);
    await assert.rejects(profile.resolve("private.tif"), UpstreamError, "AccessDenied: Access");
    assert.deepEqual(methods, ["HEAD", "GET", "HEAD", "GET"]);
  } finally {
    await refusing.shutdown();
  }
});
