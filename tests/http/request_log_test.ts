import assert from "node:assert/strict";
import { requestLogEntry } from "../../src/http/request_log.ts";

const PATH = "/iiif/3/a.jpg/full/max/0/default.jpg";

function response(status: number, bytes: number): Response {
  return new Response(status === 304 ? null : "x".repeat(bytes), {
    status,
    headers: status === 304 ? {} : { "content-length": String(bytes) },
  });
}

Deno.test("requestLogEntry() names method, path, status, bytes, time and the handler's notes", () => {
  const entry = requestLogEntry(new Request(`http://t.test${PATH}?x=1`), response(200, 12), {
    ms: 41.27,
    notes: { cache: "miss", backend: "cpu", fallback: "timeout" },
  });
  const { time, ...rest } = entry;
  assert.ok(!Number.isNaN(Date.parse(time)));
  assert.deepEqual(rest, {
    method: "GET",
    path: PATH,
    status: 200,
    bytes: 12,
    ms: 41.3,
    cache: "miss",
    backend: "cpu",
    fallback: "timeout",
  });
  assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(entry))), Object.keys(entry));
});

Deno.test("requestLogEntry() counts no body bytes for HEAD and 304", () => {
  const head = new Request(`http://t.test${PATH}`, { method: "HEAD" });
  assert.equal(requestLogEntry(head, response(200, 12), { ms: 1, notes: {} }).bytes, 0);
  const get = new Request(`http://t.test${PATH}`);
  assert.equal(requestLogEntry(get, response(304, 0), { ms: 1, notes: {} }).bytes, 0);
});

Deno.test("requestLogEntry() always gives a 5xx its cause, and a 4xx none", () => {
  const request = new Request(`http://t.test${PATH}`);
  const thrown = new Error("Job failed", { cause: new RangeError("bad row") });
  const cases: Array<[number, { error?: unknown; noted?: string }, string | undefined]> = [
    [500, { error: thrown }, "Error: Job failed <- RangeError: bad row"],
    [503, { noted: "No image worker is ready (0 of 2)" }, "No image worker is ready (0 of 2)"],
    [502, {}, "Status 502 answered without a recorded cause"],
    [404, { error: new Error("missing") }, undefined],
  ];
  for (const [status, { error, noted }, expected] of cases) {
    const notes = noted === undefined ? {} : { error: noted };
    const entry = requestLogEntry(request, response(status, 3), { ms: 1, notes, error });
    assert.equal(entry.error, expected, String(status));
    assert.equal("error" in entry, expected !== undefined, String(status));
  }
});
