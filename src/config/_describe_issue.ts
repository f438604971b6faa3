import type { z } from "zod";

type Issue = z.core.$ZodIssue;

const EXPECTED_TYPE_NAMES: Readonly<Record<string, string>> = {
  int: "an integer",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  object: "a mapping",
  record: "a mapping",
  array: "a list",
};

/**
 * Turns one zod issue into `key.path: problem` lines in the vocabulary of a YAML file (mapping,
 * list, key) rather than zod's, quoting the value received. Unknown keys give one line each.
 */
export function describeIssue(issue: Issue): string[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => `${keyPath([...issue.path, key])}: unknown key`);
  }
  if (issue.code === "invalid_key") {
    const problems = issue.issues.map(problemOf).join("; ");
    return [
      `${keyPath(issue.path.slice(0, -1))}: invalid key ${describeValue(issue.input)}: ${problems}`,
    ];
  }
  return [`${keyPath(issue.path)}: ${problemOf(issue)}`];
}

function problemOf(issue: Issue): string {
  const expected = expectation(issue);
  if (expected === undefined) return issue.message;
  return `${expected}, received ${describeValue(receivedValue(issue))}`;
}

function expectation(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${EXPECTED_TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "too_small":
      return limit(issue.inclusive ? "at least" : "more than", issue.minimum, issue.origin);
    case "too_big":
      return limit(issue.inclusive ? "at most" : "less than", issue.maximum, issue.origin);
    case "invalid_format":
      if (issue.format === "url") return "expected an http or https URL";
      return issue.pattern ? `expected a match for ${issue.pattern}` : `expected a ${issue.format}`;
    case "invalid_value":
      return `expected ${oneOf(issue.values)}`;
    case "invalid_union":
      return "options" in issue && issue.options ? `expected ${oneOf(issue.options)}` : undefined;
    case "custom":
      return issue.message;
    default:
      return undefined;
  }
}

/** A discriminated union reports the whole object; the value at fault is its discriminator. */
function receivedValue(issue: Issue): unknown {
  const input = issue.input;
  if (issue.code !== "invalid_union" || issue.discriminator === undefined) return input;
  return isMapping(input) ? input[issue.discriminator] : input;
}

function limit(relation: string, value: number | bigint, origin: string): string {
  const unit = origin === "string" ? (value === 1 ? " character" : " characters") : "";
  return `expected ${relation} ${value}${unit}`;
}

function oneOf(values: readonly unknown[]): string {
  const quoted = values.map((value) => JSON.stringify(value));
  return quoted.length === 1 ? quoted[0] : `one of ${quoted.join(", ")}`;
}

function keyPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(top level)" : path.map(String).join(".");
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (isMapping(value)) return "a mapping";
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
