import assert from "node:assert/strict";
import { formatPrometheusText } from "../../src/http/prometheus_text.ts";
import { RequestMetrics } from "../../src/http/request_metrics.ts";
import { parsePrometheusText, sampleValue } from "./_prometheus_parser.ts";

const TIMINGS = { readMs: 2, decodeMs: 30, opsMs: 400, encodeMs: 8, source: "file" as const };

function scrape(metrics: RequestMetrics) {
  return parsePrometheusText(formatPrometheusText(metrics.families()));
}

Deno.test("RequestMetrics() starts with zeroed cache results and job stages", () => {
  const families = scrape(new RequestMetrics());
  for (const result of ["hit", "miss", "coalesced"]) {
    const labels = { layer: "derivative", result };
    assert.equal(sampleValue(families, "tessera_cache_requests_total", labels), 0);
  }
  for (const result of ["hit", "miss", "passthrough"]) {
    const labels = { layer: "source", result };
    assert.equal(sampleValue(families, "tessera_cache_requests_total", labels), 0);
  }
  for (const stage of ["read", "decode", "ops", "encode"]) {
    assert.equal(sampleValue(families, "tessera_job_stage_seconds_count", { stage }), 0);
  }
  assert.deepEqual(families.get("tessera_http_requests_total")!.samples, []);
});

Deno.test("RequestMetrics.record() counts requests, latency, cache results and stage times", () => {
  const metrics = new RequestMetrics();
  metrics.record({
    route: "image",
    status: 200,
    seconds: 0.45,
    notes: { cache: "miss", timings: TIMINGS },
    bytes: 100,
  });
  metrics.record({
    route: "image",
    status: 200,
    seconds: 0.44,
    notes: { cache: "coalesced", timings: TIMINGS },
    bytes: 100,
  });
  metrics.record({
    route: "image",
    status: 200,
    seconds: 0.002,
    notes: { cache: "hit" },
    bytes: 1,
  });
  metrics.record({ route: "info", status: 404, seconds: 0.001, notes: {}, bytes: 0 });
  const families = scrape(metrics);
  const requests = (route: string, status: string) =>
    sampleValue(families, "tessera_http_requests_total", { route, status });
  assert.deepEqual([requests("image", "200"), requests("info", "404")], [3, 1]);
  const latency = "tessera_http_request_duration_seconds";
  assert.equal(sampleValue(families, `${latency}_count`, { route: "image" }), 3);
  assert.equal(sampleValue(families, `${latency}_bucket`, { route: "image", le: "0.0025" }), 1);
  assert.equal(sampleValue(families, `${latency}_bucket`, { route: "image", le: "0.5" }), 3);
  const cache = (result: string) =>
    sampleValue(families, "tessera_cache_requests_total", { layer: "derivative", result });
  assert.deepEqual([cache("hit"), cache("miss"), cache("coalesced")], [1, 1, 1]);
  // The one job read its source from the file: a miss of the worker's LRU, counted once too.
  const source = (result: string) =>
    sampleValue(families, "tessera_cache_requests_total", { layer: "source", result });
  assert.deepEqual([source("hit"), source("miss"), source("passthrough")], [0, 1, 0]);
  // The coalesced request shared the miss's job: its stages are counted once.
  const stage = "tessera_job_stage_seconds";
  assert.equal(sampleValue(families, `${stage}_count`, { stage: "ops" }), 1);
  assert.equal(sampleValue(families, `${stage}_sum`, { stage: "ops" }), 0.4);
  assert.equal(sampleValue(families, `${stage}_bucket`, { stage: "decode", le: "0.025" }), 0);
  assert.equal(sampleValue(families, `${stage}_bucket`, { stage: "decode", le: "0.05" }), 1);
});

Deno.test("RequestMetrics.record() counts requests and bytes by profile and status class", () => {
  const metrics = new RequestMetrics();
  const answer = (profile: string | undefined, status: number, bytes: number) =>
    metrics.record({ route: "image", status, seconds: 0.01, notes: {}, profile, bytes });
  answer("maps", 200, 1000);
  answer("maps", 304, 0);
  answer("maps", 503, 20);
  answer("letters", 404, 30);
  answer(undefined, 200, 5000);
  assert.deepEqual(metrics.profiles(), {
    maps: { requests: 3, bytes: 1020, statuses: { "2xx": 1, "3xx": 1, "4xx": 0, "5xx": 1 } },
    letters: { requests: 1, bytes: 30, statuses: { "2xx": 0, "3xx": 0, "4xx": 1, "5xx": 0 } },
  });
  const families = scrape(metrics);
  const count = (profile: string, statusClass: string) =>
    sampleValue(families, "tessera_profile_requests_total", {
      profile,
      status_class: statusClass,
    });
  assert.deepEqual([count("maps", "2xx"), count("maps", "5xx"), count("letters", "4xx")], [
    1,
    1,
    1,
  ]);
});
