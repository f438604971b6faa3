import assert from "node:assert/strict";
import { statusOf } from "../../src/http/error_response.ts";
import {
  ForbiddenSourceError,
  UpstreamError,
  UpstreamTimeoutError,
} from "../../src/sources/mod.ts";

Deno.test("statusOf() answers remote source errors with 403, 502 and 504", () => {
  assert.equal(statusOf(new ForbiddenSourceError("Refusing to fetch")), 403);
  assert.equal(statusOf(new UpstreamError("Cannot fetch")), 502);
  assert.equal(statusOf(new UpstreamTimeoutError("Cannot fetch in time")), 504);
});

Deno.test("Remote source errors carry their class name, for the log", () => {
  for (
    const error of [
      new ForbiddenSourceError("x"),
      new UpstreamError("x"),
      new UpstreamTimeoutError("x"),
    ]
  ) {
    assert.equal(error.name, error.constructor.name);
  }
});
