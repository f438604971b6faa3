import assert from "node:assert/strict";
import { MetricHistogram } from "../../src/http/metric_histogram.ts";
import { formatPrometheusText } from "../../src/http/prometheus_text.ts";
import { parsePrometheusText, sampleValue } from "./_prometheus_parser.ts";

Deno.test("MetricHistogram.observe() counts each value in the first bucket that holds it", () => {
  const histogram = new MetricHistogram("t_seconds", {
    help: "T",
    buckets: [0.1, 1],
    labelNames: ["route"],
  });
  for (const value of [0.05, 0.1, 0.5, 1, 7]) histogram.observe({ route: "a" }, value);
  histogram.observe({ route: "b" }, 0.2);
  histogram.declare({ route: "c" });
  const parsed = parsePrometheusText(formatPrometheusText([histogram.family()]));
  const bucket = (route: string, le: string) =>
    sampleValue(parsed, "t_seconds_bucket", { route, le });
  // Bounds are inclusive (`le`), and the buckets cumulative.
  assert.deepEqual([bucket("a", "0.1"), bucket("a", "1"), bucket("a", "+Inf")], [2, 4, 5]);
  assert.equal(sampleValue(parsed, "t_seconds_count", { route: "a" }), 5);
  assert.ok(Math.abs(sampleValue(parsed, "t_seconds_sum", { route: "a" }) - 8.65) < 1e-9);
  assert.deepEqual([bucket("b", "0.1"), bucket("b", "1"), bucket("b", "+Inf")], [0, 1, 1]);
  assert.deepEqual([bucket("c", "+Inf"), sampleValue(parsed, "t_seconds_sum", { route: "c" })], [
    0,
    0,
  ]);
});

Deno.test("MetricHistogram() rejects buckets that are empty, unordered or infinite", () => {
  const cases: number[][] = [[], [1, 1], [2, 1], [1, Infinity], [NaN]];
  for (const buckets of cases) {
    assert.throws(
      () => new MetricHistogram("t_seconds", { help: "T", buckets }),
      /Buckets of histogram "t_seconds" must be finite and increasing/,
      String(buckets),
    );
  }
  assert.throws(
    () => new MetricHistogram("t_seconds", { help: "T", buckets: [1], labelNames: ["le"] }),
    /cannot use label le/,
  );
});

Deno.test("MetricHistogram.observe() refuses a label set other than the declared one", () => {
  const histogram = new MetricHistogram("t_seconds", {
    help: "T",
    buckets: [1],
    labelNames: ["stage"],
  });
  assert.throws(() => histogram.observe({ route: "a" }, 1), TypeError);
});
