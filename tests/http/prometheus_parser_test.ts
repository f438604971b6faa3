import assert from "node:assert/strict";
import { parsePrometheusText, sampleValue } from "./_prometheus_parser.ts";

const VALID = [
  "# HELP t_seconds Latency",
  "# TYPE t_seconds histogram",
  't_seconds_bucket{route="a",le="0.1"} 1',
  't_seconds_bucket{route="a",le="+Inf"} 3',
  't_seconds_sum{route="a"} 2.5',
  't_seconds_count{route="a"} 3',
  "# HELP t_total Things",
  "# TYPE t_total counter",
  't_total{path="a\\"b\\\\c\\nd"} 4',
  "",
].join("\n");

Deno.test("parsePrometheusText() reads families, escaped labels and histogram samples", () => {
  const families = parsePrometheusText(VALID);
  assert.deepEqual([...families.keys()], ["t_seconds", "t_total"]);
  assert.equal(families.get("t_seconds")!.help, "Latency");
  assert.equal(sampleValue(families, "t_seconds_count", { route: "a" }), 3);
  assert.equal(sampleValue(families, "t_seconds_bucket", { route: "a", le: "+Inf" }), 3);
  assert.equal(sampleValue(families, "t_total", { path: 'a"b\\c\nd' }), 4);
  assert.throws(() => sampleValue(families, "t_total", { path: "x" }), /No sample t_total/);
});

Deno.test("parsePrometheusText() rejects each broken exposition", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["no final newline", VALID.trimEnd(), /newline/],
    ["sample before TYPE", "t_total 1\n", /outside a family/],
    ["TYPE without HELP", "# TYPE t_total counter\nt_total 1\n", /TYPE without HELP/],
    ["sample of another family", VALID.replace('t_total{path="a', 'u_total{path="a'), /another/],
    ["bad value", VALID.replace("} 4", "} four"), /Bad sample/],
    ["unquoted label", VALID.replace('{path="a\\"b\\\\c\\nd"}', "{path=a}"), /Bad labels/],
    ["trailing comma", VALID.replace('t_total{path="a\\"b\\\\c\\nd"}', 't_total{a="1",}'), /comma/],
    ["family twice", `${VALID}# HELP t_total Again\n`, /twice/],
    ["series twice", `${VALID}t_total{path="a\\"b\\\\c\\nd"} 5\n`, /given twice/],
    ["counter not _total", VALID.replaceAll("t_total", "t_things"), /not named \*_total/],
    ["negative counter", VALID.replace("} 4", "} -4"), /Counter t_total is -4/],
    ["buckets not cumulative", VALID.replace('le="0.1"} 1', 'le="0.1"} 4'), /not cumulative/],
    [
      "buckets out of order",
      VALID.replace('le="0.1"} 1', 'le="+Inf"} 1').replace('le="+Inf"} 3', 'le="0.1"} 3'),
      /increasing le/,
    ],
    ["+Inf not _count", VALID.replace('_count{route="a"} 3', '_count{route="a"} 2'), /\+Inf/],
    [
      "no +Inf bucket",
      VALID.replace('t_seconds_bucket{route="a",le="+Inf"} 3\n', ""),
      /\+Inf equal to _count/,
    ],
    ["no _sum", VALID.replace('t_seconds_sum{route="a"} 2.5\n', ""), /lacks/],
  ];
  for (const [what, text, message] of cases) {
    assert.throws(() => parsePrometheusText(text), message, what);
  }
});
