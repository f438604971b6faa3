import { LabelledSeries } from "./_labelled_series.ts";
import type { MetricFamily, MetricLabels } from "./prometheus_text.ts";

/** A Prometheus counter: a total per label set that only goes up. */
export class MetricCounter {
  readonly #name: string;
  readonly #help: string;
  readonly #series: LabelledSeries<{ total: number }>;

  /**
   * @param name The metric name, e.g. `tessera_http_requests_total`.
   * @param options Its help text and the label names every sample carries.
   * @throws {TypeError} The name or a label name is not valid in Prometheus.
   */
  constructor(name: string, options: { help: string; labelNames?: readonly string[] }) {
    this.#name = name;
    this.#help = options.help;
    this.#series = new LabelledSeries(name, {
      labelNames: options.labelNames ?? [],
      create: () => ({ total: 0 }),
    });
  }

  /**
   * Adds `amount` (default 1) to the total of `labels`.
   *
   * @throws {RangeError} `amount` is negative or not finite.
   * @throws {TypeError} `labels` does not name exactly the declared labels.
   */
  inc(labels: MetricLabels = {}, amount = 1): void {
    if (!(amount >= 0 && Number.isFinite(amount))) {
      throw new RangeError(`Cannot add ${amount} to counter "${this.#name}": counters only grow`);
    }
    this.#series.at(labels).total += amount;
  }

  /**
   * Makes the series of `labels` appear at 0, so a rate over it starts from zero rather than
   * from its first event.
   *
   * @throws {TypeError} `labels` does not name exactly the declared labels.
   */
  declare(labels: MetricLabels): void {
    this.#series.at(labels);
  }

  /** The counter's samples as they are now. */
  family(): MetricFamily {
    const samples = [...this.#series.entries()].map(({ labels, value }) => ({
      name: this.#name,
      labels,
      value: value.total,
    }));
    return { name: this.#name, help: this.#help, type: "counter", samples };
  }
}
