import { renderConfigTable } from "../../src/config/mod.ts";

/** One body row of the configuration table, cells trimmed, the key without backticks. */
export interface ConfigTableRow {
  readonly key: string;
  readonly type: string;
  readonly default: string;
  readonly description: string;
}

/** Parses {@linkcode renderConfigTable}'s output back into rows, skipping header and rule. */
export function configTableRows(): ConfigTableRow[] {
  return renderConfigTable().split("\n").slice(2).map((line) => {
    const [key, type, defaultValue, description] = line.slice(2, -2).split(" | ").map((cell) =>
      cell.trim()
    );
    return { key: key.replaceAll("`", ""), type, default: defaultValue, description };
  });
}
