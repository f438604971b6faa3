import assert from "node:assert/strict";
import { QueueFullError } from "../../workers/mod.ts";
import { fakeApp, SOURCE_MTIME_MS } from "./_fake_app.ts";

const INFO_3 = "/iiif/3/test:quad.jpg/info.json";
const IMAGE_3 = "/iiif/3/test:quad.jpg/full/max/0/default.jpg";
const FORWARDING_VARY = "X-Forwarded-Host, X-Forwarded-Proto, Host";
// deno-lint-ignore no-control-regex
const CONTROL_CHARACTER_REGEXP = /[\u0000-\u001f\u007f]/;

async function json(response: Response): Promise<Record<string, unknown>> {
  return JSON.parse(await response.text());
}

Deno.test("createHandler() builds ids from forwarded headers and varies on them", async () => {
  const app = fakeApp();
  const headers = { "x-forwarded-proto": "HTTPS", "x-forwarded-host": "images.example.org:8443" };
  const info = await app.request(INFO_3, { headers });
  assert.equal((await json(info)).id, "https://images.example.org:8443/iiif/3/test:quad.jpg");
  assert.equal(info.headers.get("vary"), `Accept, ${FORWARDING_VARY}`);
  const image = await app.request(IMAGE_3, { headers });
  assert.equal(image.status, 200);
  assert.match(image.headers.get("link")!, /^<https:\/\/images\.example\.org:8443\/iiif\/3\//);
  assert.equal(image.headers.get("vary"), FORWARDING_VARY);
  const redirect = await app.request("/iiif/2/test:quad.jpg", { headers });
  assert.equal(redirect.status, 303);
  assert.equal(
    redirect.headers.get("location"),
    "https://images.example.org:8443/iiif/2/test:quad.jpg/info.json",
  );
  assert.equal(redirect.headers.get("vary"), FORWARDING_VARY);
});

Deno.test("createHandler() ignores forwarded headers that would inject text into ids", async () => {
  const app = fakeApp();
  const headers = {
    "x-forwarded-proto": "javascript",
    "x-forwarded-host": 'evil>;rel="canonical", <http://a',
  };
  const info = await app.request(INFO_3, { headers });
  assert.equal((await json(info)).id, "http://tessera.test/iiif/3/test:quad.jpg");
  const image = await app.request(IMAGE_3, { headers });
  assert.equal(
    image.headers.get("link"),
    '<http://tessera.test/iiif/3/test:quad.jpg/full/max/0/default.jpg>;rel="canonical", ' +
      '<http://iiif.io/api/image/3/level2.json>;rel="profile"',
  );
});

Deno.test("createHandler() with base_url neither reads nor varies on forwarded headers", async () => {
  const app = fakeApp({ config: { base_url: "https://iiif.example.org/images" } });
  const info = await app.request(INFO_3, { headers: { "x-forwarded-host": "other.example" } });
  assert.equal((await json(info)).id, "https://iiif.example.org/images/iiif/3/test:quad.jpg");
  assert.equal(info.headers.get("vary"), "Accept");
  const image = await app.request(IMAGE_3);
  assert.equal(image.headers.get("vary"), null);
});

Deno.test("createHandler() negotiates the 2.1 info.json media type by Accept weights", async () => {
  const app = fakeApp();
  const cases: Array<[string | undefined, string]> = [
    [undefined, "application/json"],
    ["*/*", "application/json"],
    ["application/json", "application/json"],
    ["application/ld+json", "application/ld+json"],
    ["application/ld+json;q=0", "application/json"],
    ["application/ld+json;q=0.0, */*", "application/json"],
    ["application/json, application/ld+json;q=0.5", "application/json"],
    ["application/ld+json, application/json;q=0.9", "application/ld+json"],
    ["application/ld+json, */*;q=0.1", "application/ld+json"],
    ["APPLICATION/LD+JSON; profile=x", "application/ld+json"],
  ];
  for (const [accept, expected] of cases) {
    const headers: HeadersInit = accept === undefined ? {} : { accept };
    const response = await app.request("/iiif/2/test:quad.jpg/info.json", { headers });
    assert.equal(response.headers.get("content-type")!.split(";")[0], expected, accept);
    await response.body?.cancel();
  }
});

Deno.test("createHandler() rejects an identifier with control characters on every route", async () => {
  const app = fakeApp();
  const paths = ["/iiif/3/%00/info.json", "/iiif/2/a%0Ab", IMAGE_3.replace("test:", "%01")];
  for (const path of paths) {
    const response = await app.request(path);
    assert.equal(response.status, 400, path);
    const body = await response.text();
    assert.match(body, /^Cannot parse identifier "[^"]*\\[nu]/, path);
    assert.ok(!CONTROL_CHARACTER_REGEXP.test(body.trimEnd()), `${path}: ${JSON.stringify(body)}`);
  }
  assert.equal(app.rendered.length, 0);
});

Deno.test("createHandler() sets Content-Length on every body it builds, and logs it", async () => {
  const app = fakeApp();
  const cases: Array<[string, RequestInit, number]> = [
    ["/", {}, 200],
    ["/iiif/3/test:missing.jpg/info.json", {}, 404],
    ["/nowhere", {}, 404],
    [INFO_3, { method: "POST" }, 405],
    ["/iiif/3/test:quad.jpg/full/max/0/default.bmp", {}, 400],
    [INFO_3, {}, 200],
    [IMAGE_3, {}, 200],
  ];
  for (const [path, init, status] of cases) {
    const response = await app.request(path, init);
    const body = new Uint8Array(await response.arrayBuffer());
    assert.equal(response.status, status, path);
    assert.ok(body.length > 0, path);
    assert.equal(response.headers.get("content-length"), String(body.length), path);
    assert.equal(app.logs.at(-1)!.bytes, body.length, path);
  }
});

Deno.test("createHandler() answers HEAD / with the GET body's Content-Length and no body", async () => {
  const app = fakeApp();
  const get = await app.request("/");
  const html = new Uint8Array(await get.arrayBuffer());
  assert.match(new TextDecoder().decode(html), /test:quad\.jpg\/info\.json/);
  const head = await app.request("/", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.body, null);
  assert.equal(head.headers.get("content-length"), String(html.length));
});

Deno.test("createHandler() never dates a response before the server start", async () => {
  const startedAt = SOURCE_MTIME_MS + 3_600_000;
  const app = fakeApp({ startedAt });
  for (const path of [INFO_3, IMAGE_3]) {
    const first = await app.request(path);
    await first.body?.cancel();
    assert.equal(first.headers.get("last-modified"), new Date(startedAt).toUTCString(), path);
    const sourceDate = new Date(SOURCE_MTIME_MS).toUTCString();
    const stale = await app.request(path, { headers: { "if-modified-since": sourceDate } });
    assert.equal(stale.status, 200, path);
    await stale.body?.cancel();
    const lastModified = first.headers.get("last-modified")!;
    const fresh = await app.request(path, { headers: { "if-modified-since": lastModified } });
    assert.equal(fresh.status, 304, path);
  }
});

Deno.test("createHandler() answers 503 with Retry-After and CORS when the queue is full", async () => {
  const app = fakeApp({ render: () => Promise.reject(new QueueFullError(8, 3)) });
  const response = await app.request(IMAGE_3);
  assert.equal(response.status, 503);
  assert.equal(response.headers.get("retry-after"), "3");
  assert.equal(response.headers.get("access-control-allow-origin"), "*");
  assert.match(await response.text(), /^Server busy: 8 image jobs are already waiting\n$/);
  assert.match(app.logs.at(-1)!.error!, /^QueueFullError: /);
});

Deno.test("createHandler() hides an unknown error's detail from the client but logs it", async () => {
  const cause = new Error("disk on fire");
  const app = fakeApp({ render: () => Promise.reject(new Error("Render broke", { cause })) });
  const response = await app.request(IMAGE_3);
  assert.equal(response.status, 500);
  assert.equal(await response.text(), "Internal server error\n");
  assert.equal(app.logs.at(-1)!.error, "Error: Render broke <- Error: disk on fire");
});

Deno.test("createHandler() logs one line per request with every field, HEAD included", async () => {
  const app = fakeApp({
    render: (plan) =>
      Promise.resolve({
        body: new TextEncoder().encode(plan.canonical),
        cache: "miss",
        backend: "gpu",
        timings: { readMs: 1, decodeMs: 2, opsMs: 3, encodeMs: 4, source: "lru" as const },
      }),
  });
  await (await app.request(IMAGE_3)).body?.cancel();
  await app.request(IMAGE_3, { method: "HEAD" });
  await (await app.request("/nowhere")).body?.cancel();
  assert.equal(app.logs.length, 3);
  const [get, head, missing] = app.logs;
  const fields = ["time", "method", "path", "status", "bytes", "ms", "cache", "backend"];
  assert.deepEqual(Object.keys(get), fields);
  assert.deepEqual([get.method, get.path, get.status, get.cache, get.backend], [
    "GET",
    "/iiif/3/test:quad.jpg/full/max/0/default.jpg",
    200,
    "miss",
    "gpu",
  ]);
  assert.ok(get.bytes > 0 && get.ms >= 0);
  assert.deepEqual([head.method, head.bytes, head.cache, head.backend], ["HEAD", 0, "miss", "gpu"]);
  assert.deepEqual(Object.keys(missing), fields.slice(0, 6));
});

Deno.test("createHandler() answers 414 to a URL over 8192 characters, before routing", async () => {
  const app = fakeApp();
  const prefix = "/iiif/3/test:quad.jpg/full/max/0/default.jpg?";
  const base = `http://tessera.test${prefix}`;
  const fits = await app.request(`${prefix}${"a".repeat(8192 - base.length)}`);
  assert.equal(fits.status, 200);
  await fits.body?.cancel();
  const response = await app.request(`${prefix}${"a".repeat(8193 - base.length)}`);
  assert.equal(response.status, 414);
  assert.equal(
    await response.text(),
    "Request URL is 8193 characters long; at most 8192 are accepted\n",
  );
  assert.equal(app.logs.at(-1)!.status, 414);
  assert.equal(app.rendered.length, 1);
});

Deno.test("createHandler() answers 400 to an identifier over 1024 bytes", async () => {
  const app = fakeApp();
  const response = await app.request(`/iiif/3/${"%C3%A9".repeat(513)}/info.json`);
  assert.equal(response.status, 400);
  assert.match(await response.text(), /: 1026 bytes long, more than 1024\n$/);
});

Deno.test("createHandler() refuses a source over the input limits with 422, info.json too", async () => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ max_source_bytes: 1233 }, /is 1234 bytes, more than this server's max_source_bytes 1233/],
    [{ max_decoded_pixels: 239_999 }, /is 600×400 \(240000 pixels\), .* max_decoded_pixels/],
    [{ max_source_pixels: 239_999 }, /is 600×400 \(240000 pixels\), .* max_source_pixels/],
  ];
  for (const [config, message] of cases) {
    const app = fakeApp({ config });
    for (const path of [INFO_3, IMAGE_3]) {
      const response = await app.request(path);
      assert.equal(response.status, 422, path);
      assert.match(await response.text(), message);
    }
    assert.equal(app.rendered.length, 0);
  }
  const fits = await fakeApp({ config: { max_decoded_pixels: 240_000 } }).request(IMAGE_3);
  assert.equal(fits.status, 200);
  await fits.body?.cancel();
});

Deno.test("createHandler() logs a profile's requests at its own level, 5xx always", async () => {
  const app = fakeApp({
    config: { log_level: "error", profiles: { test: { type: "disk", log_level: "warn" } } },
    render: () => Promise.reject(new Error("disk on fire")),
  });
  const paths = [
    "/iiif/3/quad.jpg/info.json", // 200 for profile "test": below warn
    "/iiif/3/missing.jpg/info.json", // 404 for profile "test": logged at warn
    "/nowhere", // 404 outside any profile: below the top-level error
    "/iiif/3/quad.jpg/full/max/0/default.jpg", // 500: always logged
  ];
  for (const path of paths) await (await app.request(path)).body?.cancel();
  assert.deepEqual(app.logs.map(({ path, status }) => `${status} ${path}`), [
    "404 /iiif/3/missing.jpg/info.json",
    "500 /iiif/3/quad.jpg/full/max/0/default.jpg",
  ]);
});
