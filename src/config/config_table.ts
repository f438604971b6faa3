import { z } from "zod";
import { ConfigSchema } from "./schema.ts";

type Row = readonly [key: string, type: string, defaultValue: string, description: string];

const HEADER: Row = ["Key", "Type", "Default", "Description"];

/**
 * Renders every configuration key as a Markdown table (dotted key, type, default, description),
 * generated from {@linkcode ConfigSchema} so the README cannot drift from the code. Columns are
 * padded the way `deno fmt` pads them, so the formatted README contains this text verbatim.
 *
 * @returns The table, one line per row, without a trailing newline.
 * @throws {TypeError} If the schema uses a kind of value the table cannot describe yet.
 */
export function renderConfigTable(): string {
  const rows = Object.entries(ConfigSchema.shape).flatMap(([key, field]) => rowsOf(key, field));
  return formatTable([HEADER, ...rows]);
}

function rowsOf(key: string, field: z.ZodType): Row[] {
  const hasDefault = field instanceof z.ZodDefault || field instanceof z.ZodPrefault;
  const inner = hasDefault ? field.def.innerType as z.ZodType : field;
  const row: Row = [`\`${key}\``, typeOf(inner), defaultOf(field), field.description ?? ""];
  if (inner instanceof z.ZodRecord) {
    return [row, ...entryRows(`${key}.<name>`, inner.valueType as z.ZodType)];
  }
  // A nested mapping (such as derivative_cache, or a profile's watermark, which may be null):
  // each of its keys gets a row too.
  const mapping = inner instanceof z.ZodNullable ? inner.unwrap() as z.ZodType : inner;
  return mapping instanceof z.ZodObject ? [row, ...entryRows(key, mapping)] : [row];
}

/** Rows for the fields of a record's values, which are an object or a union of objects. */
function entryRows(prefix: string, value: z.ZodType): Row[] {
  const objects = value instanceof z.ZodDiscriminatedUnion ? value.options : [value];
  return objects.flatMap((object) => {
    if (!(object instanceof z.ZodObject)) throw new TypeError(`Cannot tabulate "${prefix}"`);
    return Object.entries(object.shape).flatMap(([key, field]) =>
      rowsOf(`${prefix}.${key}`, field as z.ZodType)
    );
  });
}

function defaultOf(field: z.ZodType): string {
  if (field instanceof z.ZodPrefault) return `\`${JSON.stringify(field.def.defaultValue)}\``;
  if (!(field instanceof z.ZodDefault)) return "required";
  // A computed default (such as the CPU count) would differ between machines: show its label.
  const label = field.meta()?.defaultLabel;
  return typeof label === "string" ? label : `\`${JSON.stringify(field.def.defaultValue)}\``;
}

function typeOf(schema: z.ZodType): string {
  if (schema instanceof z.ZodNullable) return `${typeOf(schema.unwrap() as z.ZodType)} or null`;
  if (schema instanceof z.ZodURL) return "http(s) URL";
  if (schema instanceof z.ZodString) return "string";
  if (schema instanceof z.ZodBoolean) return "boolean";
  if (schema instanceof z.ZodNumber) return numberTypeOf(schema);
  if (schema instanceof z.ZodLiteral) return JSON.stringify(schema.value);
  if (schema instanceof z.ZodEnum) {
    return `one of ${schema.options.map((option) => JSON.stringify(option)).join(", ")}`;
  }
  if (schema instanceof z.ZodRecord || schema instanceof z.ZodObject) return "mapping";
  if (schema instanceof z.ZodArray) return `list of ${typeOf(schema.element as z.ZodType)}`;
  throw new TypeError(`Cannot describe config schema type "${schema.def.type}"`);
}

function numberTypeOf(schema: z.ZodNumber): string {
  const name = schema.isInt ? "integer" : "number";
  const { minValue: min, maxValue: max } = schema;
  // z.int() reports the safe-integer range as its bounds; those are not worth a mention.
  const hasMin = min !== null && min > Number.MIN_SAFE_INTEGER;
  const hasMax = max !== null && max < Number.MAX_SAFE_INTEGER;
  if (hasMin && hasMax) return `${name} ${min}–${max}`;
  if (hasMin) return `${name} ≥ ${min}`;
  return hasMax ? `${name} ≤ ${max}` : name;
}

function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => row.map((cell) => cell.replaceAll("|", "\\|")));
  const widths = HEADER.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
  const rule = `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join("\n");
}
