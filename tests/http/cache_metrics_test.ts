import assert from "node:assert/strict";
import { cacheMetricFamilies } from "../../src/http/cache_metrics.ts";
import { formatPrometheusText } from "../../src/http/prometheus_text.ts";
import { FAKE_CACHE_STATS } from "./_fake_app.ts";
import { parsePrometheusText, sampleValue } from "./_prometheus_parser.ts";

Deno.test("cacheMetricFamilies() reports a disk cache's size and no shared cache metrics", () => {
  const families = parsePrometheusText(formatPrometheusText(cacheMetricFamilies(FAKE_CACHE_STATS)));
  assert.equal(sampleValue(families, "tessera_derivative_cache_bytes"), 4096);
  assert.equal(sampleValue(families, "tessera_derivative_cache_entries"), 3);
  assert.deepEqual([...families.keys()].filter((name) => name.includes("shared")), []);
});

Deno.test("cacheMetricFamilies() reports whether a shared cache is up, its failures and outages", () => {
  const shared = { address: "127.0.0.1:6379", available: false, failures: 7, outages: 2 };
  const families = parsePrometheusText(
    formatPrometheusText(cacheMetricFamilies({ ...FAKE_CACHE_STATS, shared })),
  );
  assert.equal(sampleValue(families, "tessera_shared_cache_up"), 0);
  assert.equal(sampleValue(families, "tessera_shared_cache_failures_total"), 7);
  assert.equal(sampleValue(families, "tessera_shared_cache_outages_total"), 2);
});
