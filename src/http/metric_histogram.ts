import { LabelledSeries } from "./_labelled_series.ts";
import { formatValue, type MetricFamily, type MetricLabels } from "./prometheus_text.ts";

interface HistogramSeries {
  /** Observations per bucket, not yet cumulative; the last one is above every bound. */
  readonly counts: number[];
  sum: number;
}

/**
 * A Prometheus histogram with fixed bucket bounds: per label set, how many observations fell at
 * or below each bound, their count and their sum.
 */
export class MetricHistogram {
  readonly #name: string;
  readonly #help: string;
  readonly #bounds: readonly number[];
  readonly #series: LabelledSeries<HistogramSeries>;

  /**
   * @param name The metric name, e.g. `tessera_http_request_duration_seconds`.
   * @param options Its help text, bucket upper bounds (the `+Inf` bucket is added) and label names.
   * @throws {RangeError} The bounds are empty, not finite or not strictly increasing.
   * @throws {TypeError} The name or a label name is not valid, or a label is called `le`.
   */
  constructor(
    name: string,
    options: { help: string; buckets: readonly number[]; labelNames?: readonly string[] },
  ) {
    const { buckets } = options;
    const increasing = buckets.every((bound, i) => i === 0 || bound > buckets[i - 1]);
    if (buckets.length === 0 || !increasing || !buckets.every(Number.isFinite)) {
      throw new RangeError(`Buckets of histogram "${name}" must be finite and increasing`);
    }
    const labelNames = options.labelNames ?? [];
    if (labelNames.includes("le")) throw new TypeError(`Histogram "${name}" cannot use label le`);
    this.#name = name;
    this.#help = options.help;
    this.#bounds = [...buckets];
    this.#series = new LabelledSeries(name, {
      labelNames,
      create: () => ({ counts: new Array(buckets.length + 1).fill(0), sum: 0 }),
    });
  }

  /**
   * Counts one observation of `value` for `labels`.
   *
   * @throws {TypeError} `labels` does not name exactly the declared labels.
   */
  observe(labels: MetricLabels, value: number): void {
    const series = this.#series.at(labels);
    const index = this.#bounds.findIndex((bound) => value <= bound);
    series.counts[index === -1 ? this.#bounds.length : index]++;
    series.sum += value;
  }

  /**
   * Makes the series of `labels` appear with no observations, so a dashboard shows a zero
   * rather than nothing before the first one.
   *
   * @throws {TypeError} `labels` does not name exactly the declared labels.
   */
  declare(labels: MetricLabels): void {
    this.#series.at(labels);
  }

  /** The histogram's samples as they are now: cumulative buckets, then sum and count. */
  family(): MetricFamily {
    const samples = [...this.#series.entries()].flatMap(({ labels, value }) => {
      let cumulative = 0;
      const buckets = value.counts.map((count, i) => {
        cumulative += count;
        const le = formatValue(this.#bounds[i] ?? Infinity);
        return { name: `${this.#name}_bucket`, labels: { ...labels, le }, value: cumulative };
      });
      return [
        ...buckets,
        { name: `${this.#name}_sum`, labels, value: value.sum },
        { name: `${this.#name}_count`, labels, value: cumulative },
      ];
    });
    return { name: this.#name, help: this.#help, type: "histogram", samples };
  }
}
