import assert from "node:assert/strict";
import { cacheKey } from "../../src/cache/mod.ts";
import {
  applyValidators,
  etagOf,
  etagOfDigest,
  isNotModified,
  lastModifiedOf,
  notModifiedResponse,
} from "../../src/http/conditional.ts";

const ETAG = '"0123abcd"';
/** 2024-01-01T00:00:00.750Z: a modification time with a fraction of a second. */
const MODIFIED_MS = Date.UTC(2024, 0, 1) + 750;
const VALIDATORS = { etag: ETAG, lastModifiedMs: MODIFIED_MS };

function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

Deno.test("isNotModified() decides by If-None-Match, then If-Modified-Since", () => {
  const cases: Array<[Record<string, string>, boolean]> = [
    [{}, false],
    [{ "if-none-match": ETAG }, true],
    [{ "if-none-match": `W/${ETAG}` }, true],
    [{ "if-none-match": `"other", ${ETAG}` }, true],
    [{ "if-none-match": `"other",W/${ETAG}` }, true],
    [{ "if-none-match": "*" }, true],
    [{ "if-none-match": '"other"' }, false],
    [{ "if-none-match": '"0123abc"' }, false],
    // If-None-Match takes precedence: a stale tag wins over a fresh date, and the reverse.
    [{ "if-none-match": '"other"', "if-modified-since": httpDate(MODIFIED_MS) }, false],
    [{ "if-none-match": ETAG, "if-modified-since": httpDate(0) }, true],
    // One-second resolution: the header date has no milliseconds.
    [{ "if-modified-since": httpDate(MODIFIED_MS) }, true],
    [{ "if-modified-since": httpDate(MODIFIED_MS + 5000) }, true],
    [{ "if-modified-since": httpDate(MODIFIED_MS - 1000) }, false],
    [{ "if-modified-since": "yesterday" }, false],
  ];
  for (const [headers, expected] of cases) {
    const request = new Request("http://tessera.test/", { headers });
    assert.equal(isNotModified(request, VALIDATORS), expected, JSON.stringify(headers));
  }
});

Deno.test("lastModifiedOf() is the later of the source mtime and the server start", () => {
  assert.equal(lastModifiedOf(1000, 5000), 5000);
  assert.equal(lastModifiedOf(9000, 5000), 9000);
});

Deno.test("applyValidators() sets ETag, Last-Modified and Cache-Control", () => {
  const headers = new Headers();
  applyValidators(headers, VALIDATORS, { maxAge: 600 });
  assert.equal(headers.get("etag"), ETAG);
  assert.equal(headers.get("last-modified"), "Mon, 01 Jan 2024 00:00:00 GMT");
  assert.equal(headers.get("cache-control"), "public, max-age=600");
});

Deno.test("applyValidators() makes a personal representation private", () => {
  const headers = new Headers();
  applyValidators(headers, VALIDATORS, { maxAge: 600, personal: true });
  assert.equal(headers.get("cache-control"), "private, max-age=600");
  applyValidators(headers, VALIDATORS, { maxAge: 60, personal: false });
  assert.equal(headers.get("cache-control"), "public, max-age=60");
});

Deno.test("etagOf() is the quoted first 128 bits of the key's SHA-256", () => {
  const a = etagOf("a");
  assert.equal(a, '"ca978112ca1bbdcafac231b39a23dc4d"');
  assert.equal(etagOf("a"), a);
  assert.notEqual(etagOf("b"), a);
});

Deno.test("etagOfDigest() of a cache key's digest is etagOf() its text", () => {
  for (const text of ["a", "test:quad.jpg|iiif3/full/max/0/default.jpg|1704067200000|1234"]) {
    assert.equal(etagOfDigest(cacheKey(text).digest), etagOf(text), text);
  }
});

Deno.test("notModifiedResponse() sets the validators and answers 304 only on a match", () => {
  const freshness = { etag: ETAG, sourceMtimeMs: MODIFIED_MS, startedAt: 0, maxAge: 60 };
  const fresh = new Headers();
  const miss = notModifiedResponse(new Request("http://tessera.test/"), fresh, freshness);
  assert.equal(miss, undefined);
  assert.equal(fresh.get("etag"), ETAG);
  assert.equal(fresh.get("cache-control"), "public, max-age=60");
  const conditional = new Request("http://tessera.test/", { headers: { "if-none-match": ETAG } });
  const hit = notModifiedResponse(conditional, new Headers(), freshness);
  assert.equal(hit?.status, 304);
  assert.equal(hit?.headers.get("etag"), ETAG);
  const later = { ...freshness, startedAt: MODIFIED_MS + 60_000 };
  const headers = new Headers();
  notModifiedResponse(new Request("http://tessera.test/"), headers, later);
  assert.equal(headers.get("last-modified"), httpDate(MODIFIED_MS + 60_000));
});

Deno.test("notModifiedResponse() marks a personal representation private, 304 included", () => {
  const freshness = { etag: ETAG, sourceMtimeMs: MODIFIED_MS, startedAt: 0, maxAge: 60 };
  const personal = { ...freshness, personal: true };
  const headers = new Headers();
  assert.equal(
    notModifiedResponse(new Request("http://tessera.test/"), headers, personal),
    undefined,
  );
  assert.equal(headers.get("cache-control"), "private, max-age=60");
  const conditional = new Request("http://tessera.test/", { headers: { "if-none-match": ETAG } });
  const hit = notModifiedResponse(conditional, new Headers(), personal);
  assert.equal(hit?.headers.get("cache-control"), "private, max-age=60");
});
