import type { MetricLabels } from "./prometheus_text.ts";

const METRIC_NAME_REGEXP = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME_REGEXP = /^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$/;

/** One label set and what a metric keeps for it. */
export interface LabelledValue<T> {
  readonly labels: MetricLabels;
  readonly value: T;
}

/**
 * What a metric keeps per label set, in first-use order. Every label set must name exactly the
 * metric's declared labels, so a typo cannot split one series into two.
 */
export class LabelledSeries<T> {
  /** The declared label names, sorted and joined: what every use is compared with. */
  readonly #labelList: string;
  readonly #create: () => T;
  readonly #values = new Map<string, LabelledValue<T>>();

  /**
   * @param name The metric's name, checked against Prometheus' rules.
   * @param options The label names every sample carries, and how to make a new series' value.
   * @throws {TypeError} The metric name or a label name is not valid in Prometheus.
   */
  constructor(name: string, options: { labelNames: readonly string[]; create: () => T }) {
    if (!METRIC_NAME_REGEXP.test(name)) throw new TypeError(`Invalid metric name "${name}"`);
    for (const label of options.labelNames) {
      if (!LABEL_NAME_REGEXP.test(label)) {
        throw new TypeError(`Invalid label name "${label}" on metric "${name}"`);
      }
    }
    this.#labelList = [...options.labelNames].sort().join(",");
    this.#create = options.create;
  }

  /**
   * The value kept for `labels`, created on first use.
   *
   * @throws {TypeError} `labels` does not name exactly the declared labels.
   */
  at(labels: MetricLabels): T {
    const names = Object.keys(labels).sort();
    if (names.join(",") !== this.#labelList) {
      throw new TypeError(
        `Labels {${names.join(",")}} do not match the declared {${this.#labelList}}`,
      );
    }
    const key = JSON.stringify(names.map((name) => labels[name]));
    let entry = this.#values.get(key);
    if (!entry) {
      entry = { labels: { ...labels }, value: this.#create() };
      this.#values.set(key, entry);
    }
    return entry.value;
  }

  /** Every label set used so far, with its value. */
  entries(): Iterable<LabelledValue<T>> {
    return this.#values.values();
  }
}
