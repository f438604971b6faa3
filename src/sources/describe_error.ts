/**
 * `name: message` of an error and of each `cause` below it (at most five), for log lines: a 5xx
 * answer's, and the shared cache's when it goes away.
 *
 * @example An error and its cause
 * ```ts
 * import { describeError } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new Error("Render failed", { cause: new RangeError("Bad scale") });
 * assert.equal(describeError(error), "Error: Render failed <- RangeError: Bad scale");
 * ```
 *
 * @param error Anything thrown.
 * @returns The chain joined by ` <- `.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 5; e = (e as Error).cause) {
    parts.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    if (!(e instanceof Error)) break;
  }
  return parts.join(" <- ");
}
