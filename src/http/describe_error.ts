/**
 * `name: message` of an error and of each `cause` below it (at most five), for the log line of
 * a 5xx answer.
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
