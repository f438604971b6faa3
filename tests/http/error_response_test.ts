import assert from "node:assert/strict";
import { CorruptSourceError, UnsupportedSourceError } from "../../src/codecs/mod.ts";
import { IiifSyntaxError, NotImplementedError } from "../../src/iiif/mod.ts";
import { errorResponse, statusOf } from "../../src/http/error_response.ts";
import { RequestSyntaxError } from "../../src/http/request_syntax_error.ts";
import { SourceTooLargeError } from "../../src/http/source_too_large_error.ts";
import { UriTooLongError } from "../../src/http/uri_too_long_error.ts";
import { IdentifierNotFoundError } from "../../src/sources/mod.ts";
import {
  JobTimeoutError,
  PoolClosedError,
  QueueFullError,
  WorkerCrashedError,
} from "../../workers/mod.ts";

Deno.test("statusOf() maps every error class to its status, anything else to 500", () => {
  const cases: Array<[unknown, number]> = [
    [new IiifSyntaxError('Cannot parse size "0,"', { parameter: "size" }), 400],
    [new RequestSyntaxError('Cannot decode file "%ZZ"'), 400],
    [new IdentifierNotFoundError("a.jpg"), 404],
    [new UriTooLongError(9000, 8192), 414],
    [new SourceTooLargeError('Source "t:a.png" is 100000×100000'), 422],
    [new JobTimeoutError(60000), 503],
    [new UnsupportedSourceError("Cannot read TIFF sources yet"), 415],
    [new NotImplementedError('Cannot serve format "jp2"'), 501],
    [new QueueFullError(4, 2), 503],
    [new PoolClosedError(), 503],
    [new CorruptSourceError("Cannot decode JPEG"), 500],
    [new WorkerCrashedError("killed"), 500],
    [new SyntaxError("Unexpected token"), 500],
    [new Error("boom"), 500],
    ["a string", 500],
    [undefined, 500],
  ];
  for (const [error, status] of cases) assert.equal(statusOf(error), status, String(error));
});

Deno.test("errorResponse() answers 503 with Retry-After only for a full queue or a timeout", async () => {
  const full = errorResponse(new QueueFullError(4, 7));
  assert.equal(full.status, 503);
  assert.equal(full.headers.get("retry-after"), "7");
  assert.equal(await full.text(), "Server busy: 4 image jobs are already waiting\n");
  const timedOut = errorResponse(new JobTimeoutError(2500));
  assert.equal(timedOut.status, 503);
  assert.equal(timedOut.headers.get("retry-after"), "3");
  assert.match(await timedOut.text(), /^Image job abandoned: it ran longer than 2500 ms/);
  const closing = errorResponse(new PoolClosedError());
  assert.equal(closing.status, 503);
  assert.equal(closing.headers.get("retry-after"), null);
  await closing.body?.cancel();
});

Deno.test("errorResponse() shows known messages and hides unknown ones", async () => {
  const known = errorResponse(new IdentifierNotFoundError("a.jpg"));
  assert.equal(await known.text(), 'Cannot find image "a.jpg"\n');
  assert.equal(known.headers.get("content-type"), "text/plain; charset=utf-8");
  const unknown = errorResponse(new Error("secret path /srv/x"));
  assert.equal(unknown.status, 500);
  assert.equal(await unknown.text(), "Internal server error\n");
});

Deno.test("errorResponse() escapes control characters and sets Content-Length", async () => {
  const response = errorResponse(new IdentifierNotFoundError("a\u0000b\u007f\u0085"));
  const body = new Uint8Array(await response.arrayBuffer());
  assert.equal(new TextDecoder().decode(body), 'Cannot find image "a\\u0000b\\u007f\\u0085"\n');
  assert.equal(response.headers.get("content-length"), String(body.length));
});
