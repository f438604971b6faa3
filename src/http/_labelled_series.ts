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
  /** The declared label names, sorted: what every use is compared with. */
  readonly #labelNames: readonly string[];
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
    this.#labelNames = [...options.labelNames].sort();
    this.#create = options.create;
  }

  /**
   * The value kept for `labels`, created on first use.
   *
   * @throws {TypeError} `labels` does not name exactly the declared labels.
   */
  at(labels: MetricLabels): T {
    // Every request records several: the declared names are sorted once, not per call.
    const names = this.#labelNames;
    const values: string[] = [];
    for (const name of names) {
      if (!Object.hasOwn(labels, name)) break;
      values.push(labels[name]);
    }
    if (values.length !== names.length || Object.keys(labels).length !== names.length) {
      const given = Object.keys(labels).sort().join(",");
      throw new TypeError(`Labels {${given}} do not match the declared {${names.join(",")}}`);
    }
    const key = JSON.stringify(values);
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
