/** The `Content-Type` of the Prometheus text exposition format this module writes. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** The metric types this server exposes. */
export type MetricType = "counter" | "gauge" | "histogram";

/** Label names to values; the order does not matter. */
export type MetricLabels = Readonly<Record<string, string>>;

/** One sample line: its full name (with `_bucket`, `_sum` or `_count` for histograms). */
export interface MetricSample {
  readonly name: string;
  readonly labels: MetricLabels;
  readonly value: number;
}

/** A metric with its help text, type and every sample of it. */
export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly samples: readonly MetricSample[];
}

/**
 * A family whose samples all carry its own name (any type but histogram).
 *
 * @param name The metric name.
 * @param family `type` (`counter` or `gauge`), the `# HELP` text, and labels and value of each
 *   sample.
 * @returns The family.
 */
export function metricFamily(
  name: string,
  family: {
    type: MetricType;
    help: string;
    values: ReadonlyArray<readonly [MetricLabels, number]>;
  },
): MetricFamily {
  const { type, help, values } = family;
  return { name, help, type, samples: values.map(([labels, value]) => ({ name, labels, value })) };
}

/**
 * Writes metric families in the Prometheus text format 0.0.4: `# HELP` and `# TYPE` before each
 * family's samples, label values and help text escaped, `+Inf`/`-Inf`/`NaN` spelt as Prometheus
 * reads them.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatPrometheusText } from "./prometheus_text.ts";
 *
 * const text = formatPrometheusText([{
 *   name: "tessera_workers",
 *   help: "Image workers",
 *   type: "gauge",
 *   samples: [{ name: "tessera_workers", labels: { state: "idle" }, value: 2 }],
 * }]);
 * assert.equal(
 *   text,
 *   '# HELP tessera_workers Image workers\n# TYPE tessera_workers gauge\n' +
 *     'tessera_workers{state="idle"} 2\n',
 * );
 * ```
 */
export function formatPrometheusText(families: readonly MetricFamily[]): string {
  return families.map(formatFamily).join("");
}

function formatFamily(family: MetricFamily): string {
  const lines = [
    `# HELP ${family.name} ${family.help.replaceAll("\\", "\\\\").replaceAll("\n", "\\n")}`,
    `# TYPE ${family.name} ${family.type}`,
    ...family.samples.map(formatSample),
  ];
  return lines.map((line) => `${line}\n`).join("");
}

function formatSample(sample: MetricSample): string {
  const labels = Object.entries(sample.labels).map(([name, value]) =>
    `${name}="${escapeLabelValue(value)}"`
  );
  const labelText = labels.length > 0 ? `{${labels.join(",")}}` : "";
  return `${sample.name}${labelText} ${formatValue(sample.value)}`;
}

function escapeLabelValue(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

/**
 * Formats a sample or bucket bound value.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatValue } from "./prometheus_text.ts";
 *
 * assert.equal(formatValue(Infinity), "+Inf");
 * assert.equal(formatValue(0.25), "0.25");
 * ```
 */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}
