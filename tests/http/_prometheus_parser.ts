/** One parsed sample line. */
export interface ParsedSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** One parsed metric family: its HELP, TYPE and samples, in text order. */
export interface ParsedFamily {
  readonly name: string;
  readonly help: string;
  readonly type: string;
  readonly samples: ParsedSample[];
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const HELP_REGEXP = new RegExp(`^# HELP (${NAME}) (.*)$`);
const TYPE_REGEXP = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SAMPLE_REGEXP = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)$`);
const LABEL_REGEXP = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/;
const VALUE_REGEXP = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]Inf|NaN)$/;
const SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  counter: [""],
  gauge: [""],
  histogram: ["_bucket", "_sum", "_count"],
};

/**
 * A strict parser of the Prometheus text format 0.0.4 as this server writes it, for tests. It
 * throws on any line that does not parse, a sample before its family's HELP and TYPE or outside
 * its family, a family or series given twice, a counter not named `*_total` or negative, and a
 * histogram whose buckets are not cumulative in increasing `le` or do not end with `+Inf` equal
 * to `_count`.
 *
 * @returns The families by name.
 * @throws {SyntaxError} The text breaks one of those rules; the message names the line.
 */
export function parsePrometheusText(text: string): Map<string, ParsedFamily> {
  if (!text.endsWith("\n")) throw new SyntaxError("Exposition does not end with a newline");
  const families = new Map<string, ParsedFamily>();
  let current: ParsedFamily | undefined;
  let pendingHelp: { name: string; help: string } | undefined;
  for (const [index, line] of text.slice(0, -1).split("\n").entries()) {
    const where = `line ${index + 1} "${line}"`;
    const help = HELP_REGEXP.exec(line);
    const type = TYPE_REGEXP.exec(line);
    if (help) {
      if (families.has(help[1])) throw new SyntaxError(`Family given twice at ${where}`);
      pendingHelp = { name: help[1], help: help[2] };
    } else if (type) {
      if (pendingHelp?.name !== type[1]) throw new SyntaxError(`TYPE without HELP at ${where}`);
      current = { name: type[1], help: pendingHelp.help, type: type[2], samples: [] };
      families.set(current.name, current);
      pendingHelp = undefined;
    } else {
      if (!current || pendingHelp) throw new SyntaxError(`Sample outside a family at ${where}`);
      current.samples.push(parseSample(line, current, where));
    }
  }
  for (const family of families.values()) checkFamily(family);
  return families;
}

function parseSample(line: string, family: ParsedFamily, where: string): ParsedSample {
  const match = SAMPLE_REGEXP.exec(line);
  if (!match || !VALUE_REGEXP.test(match[3])) throw new SyntaxError(`Bad sample at ${where}`);
  const [, name, labelText = "", valueText] = match;
  const suffixes = SUFFIXES[family.type] ?? [""];
  if (!suffixes.some((suffix) => name === `${family.name}${suffix}`)) {
    throw new SyntaxError(`Sample of another family at ${where}`);
  }
  const value = valueText.endsWith("Inf")
    ? (valueText.startsWith("-") ? -Infinity : Infinity)
    : Number(valueText);
  return { name, labels: parseLabels(labelText, where), value };
}

function parseLabels(text: string, where: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const match = LABEL_REGEXP.exec(rest);
    if (!match) throw new SyntaxError(`Bad labels at ${where}`);
    if (match[1] in labels) throw new SyntaxError(`Label ${match[1]} twice at ${where}`);
    labels[match[1]] = match[2].replace(/\\(.)/g, (_, c) => (c === "n" ? "\n" : c));
    rest = rest.slice(match[0].length);
    if (match[3] === "," && rest.length === 0) throw new SyntaxError(`Trailing comma at ${where}`);
  }
  return labels;
}

function checkFamily(family: ParsedFamily): void {
  const seen = new Set<string>();
  for (const sample of family.samples) {
    const key = `${sample.name}${seriesKey(sample.labels)}`;
    if (seen.has(key)) throw new SyntaxError(`Series ${key} given twice`);
    seen.add(key);
  }
  if (family.type === "counter") checkCounter(family);
  if (family.type === "histogram") checkHistogram(family);
}

function checkCounter(family: ParsedFamily): void {
  if (!family.name.endsWith("_total")) {
    throw new SyntaxError(`Counter ${family.name} is not named *_total`);
  }
  for (const sample of family.samples) {
    if (!(sample.value >= 0)) throw new SyntaxError(`Counter ${family.name} is ${sample.value}`);
  }
}

function checkHistogram(family: ParsedFamily): void {
  const bySeries = Map.groupBy(family.samples, (sample) => {
    const { le: _le, ...labels } = sample.labels;
    return seriesKey(labels);
  });
  for (const [series, samples] of bySeries) {
    const where = `${family.name}${series}`;
    const buckets = samples.filter((s) => s.name === `${family.name}_bucket`);
    const count = samples.find((s) => s.name === `${family.name}_count`);
    const sum = samples.find((s) => s.name === `${family.name}_sum`);
    if (!count || !sum || buckets.length === 0) {
      throw new SyntaxError(`Histogram ${where} lacks buckets, _sum or _count`);
    }
    checkBuckets(buckets, where);
    if (buckets.at(-1)!.labels.le !== "+Inf" || buckets.at(-1)!.value !== count.value) {
      throw new SyntaxError(`Histogram ${where} does not end with +Inf equal to _count`);
    }
  }
}

function checkBuckets(buckets: readonly ParsedSample[], where: string): void {
  for (const [i, bucket] of buckets.entries()) {
    const le = bucket.labels.le;
    if (le === undefined || !VALUE_REGEXP.test(le)) throw new SyntaxError(`Bad le in ${where}`);
    if (i === 0) continue;
    const previous = buckets[i - 1];
    if (!(boundOf(le) > boundOf(previous.labels.le))) {
      throw new SyntaxError(`Buckets of ${where} are not in increasing le order`);
    }
    if (bucket.value < previous.value) {
      throw new SyntaxError(`Buckets of ${where} are not cumulative`);
    }
  }
}

function boundOf(le: string): number {
  return le === "+Inf" ? Infinity : Number(le);
}

function seriesKey(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(",")}}`;
}

/**
 * The value of the one sample of `families` with this name and exactly these labels.
 *
 * @throws {Error} There is no such sample.
 */
export function sampleValue(
  families: Map<string, ParsedFamily>,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number {
  const familyName = name.replace(/_(bucket|sum|count)$/, "");
  const family = families.get(name) ?? families.get(familyName);
  const wanted = seriesKey(labels);
  const sample = family?.samples.find((s) => s.name === name && seriesKey(s.labels) === wanted);
  if (!sample) throw new Error(`No sample ${name}${wanted}`);
  return sample.value;
}
