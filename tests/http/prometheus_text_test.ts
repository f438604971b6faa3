import assert from "node:assert/strict";
import { formatPrometheusText, formatValue } from "../../src/http/prometheus_text.ts";
import { parsePrometheusText, sampleValue } from "./_prometheus_parser.ts";

Deno.test("formatPrometheusText() escapes help text and label values so they parse back", () => {
  const path = 'a "quoted" \\ back\nslash';
  const text = formatPrometheusText([{
    name: "t_total",
    help: "Help with \\ and\nnewline",
    type: "counter",
    samples: [
      { name: "t_total", labels: { path, route: "x" }, value: 3 },
      { name: "t_total", labels: { path: "", route: "y" }, value: 0 },
    ],
  }]);
  assert.equal(
    text,
    "# HELP t_total Help with \\\\ and\\nnewline\n# TYPE t_total counter\n" +
      't_total{path="a \\"quoted\\" \\\\ back\\nslash",route="x"} 3\n' +
      't_total{path="",route="y"} 0\n',
  );
  const families = parsePrometheusText(text);
  assert.equal(sampleValue(families, "t_total", { path, route: "x" }), 3);
});

Deno.test("formatPrometheusText() writes HELP and TYPE even for a family with no samples", () => {
  const text = formatPrometheusText([
    { name: "a", help: "A", type: "gauge", samples: [] },
    { name: "b", help: "B", type: "gauge", samples: [{ name: "b", labels: {}, value: 1.5 }] },
  ]);
  assert.equal(text, "# HELP a A\n# TYPE a gauge\n# HELP b B\n# TYPE b gauge\nb 1.5\n");
  assert.deepEqual([...parsePrometheusText(text).keys()], ["a", "b"]);
});

Deno.test("formatValue() spells infinities and NaN as Prometheus reads them", () => {
  const cases: Array<[number, string]> = [
    [0, "0"],
    [42, "42"],
    [0.0025, "0.0025"],
    [1e-7, "1e-7"],
    [Infinity, "+Inf"],
    [-Infinity, "-Inf"],
    [NaN, "NaN"],
  ];
  for (const [value, expected] of cases) assert.equal(formatValue(value), expected);
});
