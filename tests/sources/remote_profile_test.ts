import assert from "node:assert/strict";
import {
  ForbiddenSourceError,
  UpstreamError,
  UpstreamTimeoutError,
} from "../../src/sources/mod.ts";
import { RemoteProfile, type RemoteProfileOptions } from "../../src/sources/remote_profile.ts";
import { FetchLimiter } from "../../src/sources/_fetch_limiter.ts";
import { trustedWebLocator } from "../../src/sources/_trusted_web_locator.ts";
import { webLocator } from "../../src/sources/_web_locator.ts";
import { encodeFixture, withTempDir } from "./_fixtures.ts";
import {
  chunked,
  filesUnder,
  image,
  redirect,
  stalled,
  startTruncatingUpstream,
  startUpstream,
  trickle,
} from "./_upstream.ts";

const PNG = await encodeFixture(6, 4);

/** A `web` profile fetching `<origin>/img/{name}`, allowed on loopback unless told otherwise. */
function webProfile(
  root: string,
  origin: string,
  options: Partial<RemoteProfileOptions> = {},
): RemoteProfile {
  return new RemoteProfile("web", {
    root,
    locator: webLocator(`${origin}/img/{name}`),
    limiter: new FetchLimiter(8),
    timeoutMs: 5_000,
    maxBytes: 1 << 20,
    maxRedirects: 5,
    allowPrivateNetworks: true,
    ...options,
  });
}

/** The urlsafe base64 of `url`, without padding: a `trusted_web` name. */
function encodeName(url: string): string {
  return new TextEncoder().encode(url).toBase64({ alphabet: "base64url", omitPadding: true });
}

/** The error `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => undefined, (error: Error) => error);
  assert.ok(error instanceof Error, "expected a rejection");
  return error;
}

Deno.test("RemoteProfile.resolve() fetches once, stores the bytes and reuses them", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({ "/img/a.png": image(PNG) });
    const profile = webProfile(root, upstream.origin);
    const first = await profile.resolve("a.png");
    assert.ok(first !== undefined);
    assert.deepEqual(await Deno.readFile(first.path), PNG);
    assert.equal(first.size, PNG.length);
    assert.match(first.path, /^.*\/[0-9a-f]{2}\/[0-9a-f]{64}\.png$/);
    assert.deepEqual(await profile.resolve("a.png"), first);
    const restarted = webProfile(root, upstream.origin);
    assert.deepEqual(await restarted.resolve("a.png"), first);
    assert.equal(upstream.hits("/img/a.png"), 1);
  });
});

Deno.test("RemoteProfile.resolve() percent-encodes the name into the URL template", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({ "/img/2019%2Fa%20b%3F.png": image(PNG) });
    const ref = await webProfile(root, upstream.origin).resolve("2019/a b?.png");
    assert.equal(ref?.name, "2019/a b?.png");
    assert.equal(upstream.totalHits(), 1);
  });
});

Deno.test("RemoteProfile.resolve() shares one download among concurrent requests", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({ "/img/a.png": image(PNG, 100) });
    const profile = webProfile(root, upstream.origin);
    const refs = await Promise.all(Array.from({ length: 6 }, () => profile.resolve("a.png")));
    assert.equal(upstream.hits("/img/a.png"), 1);
    for (const ref of refs) assert.deepEqual(ref, refs[0]);
  });
});

Deno.test("RemoteProfile.resolve() runs at most max_http_fetches downloads at once", async () => {
  await withTempDir(async (root) => {
    const routes = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`/img/${i}.png`, image(PNG, 60)]),
    );
    await using upstream = startUpstream(routes);
    const limiter = new FetchLimiter(2);
    const profiles = [webProfile(`${root}/a`, upstream.origin, { limiter })];
    profiles.push(webProfile(`${root}/b`, upstream.origin, { limiter }));
    const names = Array.from({ length: 6 }, (_, i) => `${i}.png`);
    const refs = await Promise.all(names.map((name, i) => profiles[i % 2].resolve(name)));
    assert.ok(refs.every((ref) => ref !== undefined));
    assert.equal(upstream.totalHits(), 6);
    assert.equal(upstream.peakConcurrency, 2);
  });
});

Deno.test("RemoteProfile.resolve() answers undefined for an upstream 404 and stores nothing", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({});
    const profile = webProfile(root, upstream.origin);
    assert.equal(await profile.resolve("missing.png"), undefined);
    assert.equal(await profile.resolve("missing.png"), undefined);
    assert.equal(upstream.hits("/img/missing.png"), 2, "a 404 is not remembered");
    assert.deepEqual(await filesUnder(root), []);
  });
});

Deno.test("RemoteProfile.resolve() throws UpstreamError for an upstream 500", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({
      "/img/a.png": () => new Response("Database down", { status: 500 }),
    });
    const error = await rejection(webProfile(root, upstream.origin).resolve("a.png"));
    assert.ok(error instanceof UpstreamError);
    assert.equal(
      error.message,
      `Cannot fetch "web:a.png" from ${new URL(upstream.origin).host}: ` +
        "the server answered HTTP 500",
    );
    assert.deepEqual(await filesUnder(root), []);
  });
});

Deno.test("RemoteProfile.resolve() throws UpstreamError when the connection is refused", async () => {
  await withTempDir(async (root) => {
    const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const origin = `http://127.0.0.1:${closed.addr.port}`;
    closed.close();
    const error = await rejection(webProfile(root, origin).resolve("a.png"));
    assert.ok(error instanceof UpstreamError);
    assert.match(error.message, /: the connection was refused$/);
  });
});

Deno.test("RemoteProfile.resolve() throws UpstreamError for a host name that does not resolve", async () => {
  await withTempDir(async (root) => {
    // RFC 6761 reserves .invalid: no resolver answers it.
    const error = await rejection(webProfile(root, "http://images.invalid").resolve("a.png"));
    assert.ok(error instanceof UpstreamError, String(error));
    assert.equal(
      error.message,
      'Cannot fetch "web:a.png" from images.invalid: the host name does not resolve',
    );
  });
});

Deno.test("RemoteProfile.resolve() times out a stalled or trickling upstream", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({
      "/img/stalled.png": stalled(),
      "/img/trickle.png": trickle(20),
    });
    const profile = webProfile(root, upstream.origin, { timeoutMs: 300 });
    for (const name of ["stalled.png", "trickle.png"]) {
      const started = performance.now();
      const error = await rejection(profile.resolve(name));
      const elapsed = performance.now() - started;
      assert.ok(error instanceof UpstreamTimeoutError, `${name}: ${error}`);
      assert.match(error.message, /took longer than timeout_ms \(300 ms\)$/);
      assert.ok(elapsed >= 290 && elapsed < 1_500, `${name} gave up after ${elapsed} ms`);
    }
    assert.deepEqual(await filesUnder(root), []);
  });
});

Deno.test("RemoteProfile.resolve() refuses a source over max_bytes and keeps no file", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({
      "/img/declared.png": image(new Uint8Array(2_000)),
      "/img/streamed.png": chunked(10_000_000),
    });
    const profile = webProfile(root, upstream.origin, { maxBytes: 1_000 });
    for (const name of ["declared.png", "streamed.png"]) {
      const error = await rejection(profile.resolve(name));
      assert.ok(error instanceof UpstreamError, `${name}: ${error}`);
      assert.match(error.message, /: the image is larger than max_bytes \(1000 bytes\)$/);
    }
    assert.deepEqual(await filesUnder(root), []);
  });
});

Deno.test("RemoteProfile.resolve() keeps a source of exactly max_bytes", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({ "/img/a.png": image(PNG) });
    const profile = webProfile(root, upstream.origin, { maxBytes: PNG.length });
    assert.equal((await profile.resolve("a.png"))?.size, PNG.length);
  });
});

Deno.test("RemoteProfile.resolve() leaves no partial file when the connection drops", async () => {
  await withTempDir(async (root) => {
    for (const framing of ["content-length", "chunked"] as const) {
      await using upstream = startTruncatingUpstream(PNG.subarray(0, 40), framing);
      const error = await rejection(webProfile(root, upstream.origin).resolve("a.png"));
      assert.ok(error instanceof UpstreamError, `${framing}: ${error}`);
      assert.match(error.message, /: the connection was closed before the whole image arrived$/);
      assert.equal(upstream.hits(), 1);
    }
    assert.deepEqual(await filesUnder(root), []);
  });
});

Deno.test("RemoteProfile.resolve() follows up to max_redirects redirects", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({
      "/img/a.png": redirect("/hop/1", 301),
      "/hop/1": redirect("2", 307),
      "/hop/2": redirect("/final.png", 308),
      "/final.png": image(PNG),
    });
    const within = webProfile(`${root}/within`, upstream.origin, { maxRedirects: 3 });
    assert.equal((await within.resolve("a.png"))?.size, PNG.length);
    const over = webProfile(`${root}/over`, upstream.origin, { maxRedirects: 2 });
    const error = await rejection(over.resolve("a.png"));
    assert.ok(error instanceof UpstreamError);
    assert.match(error.message, /: more than max_redirects \(2\) redirects$/);
    assert.deepEqual(await filesUnder(`${root}/over`), []);
    assert.equal(upstream.hits("/final.png"), 1);
  });
});

Deno.test("RemoteProfile.resolve() sweeps partial files of an earlier run, not newer ones", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({ "/img/a.png": image(PNG) });
    const stale = `${"a".repeat(64)}.${crypto.randomUUID()}.part`;
    const fresh = `${"b".repeat(64)}.${crypto.randomUUID()}.part`;
    await Deno.mkdir(`${root}/aa`, { recursive: true });
    await Deno.writeFile(`${root}/aa/${stale}`, PNG.subarray(0, 10));
    await Deno.utime(
      `${root}/aa/${stale}`,
      new Date(Date.now() - 60_000),
      new Date(Date.now() - 60_000),
    );
    // A download that began as this run started, stamped a little before the sweep's time:
    // Linux's coarse file clock runs up to a tick behind Date.now().
    const stamped = new Date(Date.now() - 20);
    await Deno.mkdir(`${root}/bb`, { recursive: true });
    await Deno.writeFile(`${root}/bb/${fresh}`, PNG.subarray(0, 10));
    await Deno.utime(`${root}/bb/${fresh}`, stamped, stamped);
    const profile = webProfile(root, upstream.origin);
    await profile.resolve("a.png");
    const files = await filesUnder(root);
    assert.ok(!files.includes(`aa/${stale}`), "the stale partial file is swept");
    assert.ok(files.includes(`bb/${fresh}`), "a download of this run is left alone");
  });
});

Deno.test("RemoteProfile.list() lists the names stored so far, also after a restart", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({
      "/img/b.png": image(PNG),
      "/img/a%2Fc.png": image(PNG),
    });
    const profile = webProfile(root, upstream.origin);
    assert.deepEqual(await profile.list(), []);
    await profile.resolve("b.png");
    await profile.resolve("a/c.png");
    await profile.resolve("missing.png");
    assert.deepEqual(await profile.list(), ["a/c.png", "b.png"]);
    assert.deepEqual(await webProfile(root, upstream.origin).list(), ["a/c.png", "b.png"]);
  });
});

/** A `trusted_web` profile accepting `<origin>/ok/…`, allowed on loopback. */
function trustedProfile(root: string, origin: string): RemoteProfile {
  const escaped = origin.replaceAll(".", "\\.");
  return new RemoteProfile("trusted", {
    root,
    locator: trustedWebLocator(`${escaped}/ok/[^/]+\\.png`),
    limiter: new FetchLimiter(8),
    timeoutMs: 5_000,
    maxBytes: 1 << 20,
    maxRedirects: 5,
    allowPrivateNetworks: true,
  });
}

Deno.test("RemoteProfile.resolve() of trusted_web fetches a URL matching its regex", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({ "/ok/a.png": image(PNG) });
    const profile = trustedProfile(root, upstream.origin);
    const name = encodeName(`${upstream.origin}/ok/a.png`);
    const ref = await profile.resolve(name);
    assert.deepEqual(await Deno.readFile(ref!.path), PNG);
    assert.equal(ref?.name, name);
    assert.deepEqual(await profile.list(), [name]);
    assert.equal(upstream.hits("/ok/a.png"), 1);
  });
});

Deno.test("RemoteProfile.resolve() of trusted_web answers undefined, offline, off its regex", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({ "/ok/a.png": image(PNG), "/other/a.png": image(PNG) });
    const profile = trustedProfile(root, upstream.origin);
    const names = [
      encodeName(`${upstream.origin}/other/a.png`),
      encodeName(`${upstream.origin}/ok/a.png?x=1`), // the regex must match the whole URL
      encodeName(`${upstream.origin}/ok/a/b.png`),
      encodeName(`ftp://127.0.0.1/ok/a.png`),
      encodeName(`${upstream.origin}/ok/a.png`).slice(0, -3), // cut base64
      "not base64!",
      `${upstream.origin}/ok/a.png`, // not encoded at all
      "",
    ];
    for (const name of names) assert.equal(await profile.resolve(name), undefined, name);
    assert.equal(upstream.totalHits(), 0);
  });
});

Deno.test("RemoteProfile.resolve() of trusted_web refuses a redirect off its regex", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({
      "/ok/a.png": redirect("/ok/b.png"),
      "/ok/b.png": image(PNG),
      "/ok/away.png": redirect("/other/a.png"),
      "/other/a.png": image(PNG),
    });
    const profile = trustedProfile(root, upstream.origin);
    assert.equal(
      (await profile.resolve(encodeName(`${upstream.origin}/ok/a.png`)))?.size,
      PNG.length,
    );
    const error = await rejection(profile.resolve(encodeName(`${upstream.origin}/ok/away.png`)));
    assert.ok(error instanceof ForbiddenSourceError, String(error));
    assert.match(
      error.message,
      /redirects to 127\.0\.0\.1:\d+, outside the URLs the profile allows$/,
    );
    assert.equal(upstream.hits("/other/a.png"), 0);
  });
});

Deno.test("RemoteProfile.resolve() refuses non-public hosts without allow_private_networks", async () => {
  await withTempDir(async (root) => {
    await using upstream = startUpstream({ "/ok/a.png": image(PNG) });
    const { port } = new URL(upstream.origin);
    const profile = new RemoteProfile("trusted", {
      root,
      locator: trustedWebLocator(".*"),
      limiter: new FetchLimiter(8),
      timeoutMs: 5_000,
      maxBytes: 1 << 20,
      maxRedirects: 5,
      allowPrivateNetworks: false,
    });
    const hosts: [host: string, kind: string][] = [
      ["127.0.0.1", "127.0.0.1 is a loopback address"],
      ["0x7f.1", "127.0.0.1 is a loopback address"], // the URL parser's spelling of 127.0.0.1
      ["localhost", "is a loopback address"],
      ["[::1]", "::1 is a loopback address"],
      ["[::ffff:127.0.0.1]", "::ffff:7f00:1 is a loopback address"],
      ["10.1.2.3", "10.1.2.3 is a private-network address"],
      ["169.254.169.254", "169.254.169.254 is a link-local address"],
      ["[fd00::1]", "fd00::1 is a private-network address"],
      ["100.64.0.1", "100.64.0.1 is a carrier-grade NAT address"],
      ["0.0.0.0", '0.0.0.0 is a "this network" address'],
    ];
    for (const [host, kind] of hosts) {
      const name = encodeName(`http://${host}:${port}/ok/a.png`);
      const error = await rejection(profile.resolve(name));
      assert.ok(error instanceof ForbiddenSourceError, `${host}: ${error}`);
      assert.ok(error.message.includes(kind), `${host}: ${error.message}`);
      assert.match(error.message, /; set allow_private_networks on the profile to allow it$/);
    }
    assert.equal(upstream.totalHits(), 0);
    assert.deepEqual(await filesUnder(root), []);
  });
});
