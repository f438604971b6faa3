import assert from "node:assert/strict";
import { MetricCounter } from "../../src/http/metric_counter.ts";
import { formatPrometheusText } from "../../src/http/prometheus_text.ts";
import { parsePrometheusText, sampleValue } from "./_prometheus_parser.ts";

Deno.test("MetricCounter.inc() keeps one total per label set, whatever the label order", () => {
  const counter = new MetricCounter("t_total", { help: "T", labelNames: ["route", "status"] });
  counter.declare({ route: "image", status: "304" });
  counter.inc({ route: "image", status: "200" });
  counter.inc({ status: "200", route: "image" }, 2);
  counter.inc({ route: "info", status: "404" });
  const family = counter.family();
  assert.equal(family.type, "counter");
  assert.deepEqual(family.samples.map((s) => [s.labels.route, s.labels.status, s.value]), [
    ["image", "304", 0],
    ["image", "200", 3],
    ["info", "404", 1],
  ]);
  const parsed = parsePrometheusText(formatPrometheusText([family]));
  assert.equal(sampleValue(parsed, "t_total", { route: "image", status: "200" }), 3);
});

Deno.test("MetricCounter.inc() refuses to go down and wrong label sets", () => {
  const counter = new MetricCounter("t_total", { help: "T", labelNames: ["route"] });
  assert.throws(() => counter.inc({ route: "a" }, -1), RangeError);
  assert.throws(() => counter.inc({ route: "a" }, NaN), RangeError);
  assert.throws(() => counter.inc({}), /Labels \{\} do not match the declared \{route\}/);
  assert.throws(() => counter.inc({ route: "a", extra: "b" }), TypeError);
  assert.deepEqual(counter.family().samples, []);
});

Deno.test("MetricCounter() rejects names Prometheus cannot read", () => {
  assert.throws(() => new MetricCounter("2_total", { help: "T" }), /Invalid metric name "2_total"/);
  assert.throws(() => new MetricCounter("a-b_total", { help: "T" }), TypeError);
  assert.throws(
    () => new MetricCounter("t_total", { help: "T", labelNames: ["__name"] }),
    /Invalid label name "__name"/,
  );
});
