import assert from "node:assert/strict";
import { cacheMetricFamilies } from "../../src/http/cache_metrics.ts";
import { formatPrometheusText } from "../../src/http/prometheus_text.ts";
import { parsePrometheusText, sampleValue } from "./_prometheus_parser.ts";

const DISK = { entries: 3, bytes: 4096, hits: 3, misses: 1 };

Deno.test("cacheMetricFamilies() reports a disk cache's size and no shared cache metrics", () => {
  const families = parsePrometheusText(formatPrometheusText(cacheMetricFamilies(DISK)));
  assert.equal(sampleValue(families, "tessera_derivative_cache_bytes"), 4096);
  assert.equal(sampleValue(families, "tessera_derivative_cache_entries"), 3);
  assert.deepEqual([...families.keys()].filter((name) => name.includes("shared")), []);
});

Deno.test("cacheMetricFamilies() reports whether a shared cache is up, its failures and outages", () => {
  const shared = { address: "127.0.0.1:6379", available: false, failures: 7, outages: 2 };
  const families = parsePrometheusText(
    formatPrometheusText(cacheMetricFamilies({ ...DISK, shared })),
  );
  assert.equal(sampleValue(families, "tessera_shared_cache_up"), 0);
  assert.equal(sampleValue(families, "tessera_shared_cache_failures_total"), 7);
  assert.equal(sampleValue(families, "tessera_shared_cache_outages_total"), 2);
});
