/**
 * A configuration file that cannot be used: unreadable, not YAML, or not matching the schema.
 * The server refuses to start with it, so the message lists every problem, one per line, each
 * naming the dotted key path (or the YAML line) and the bad value.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
  /** The configuration file, or a label such as `(embedded default)`. */
  readonly file: string;
  /** One `key.path: problem` (or `line N, column M: problem`) text per problem. */
  readonly problems: readonly string[];

  /**
   * @param file The configuration file (or a label for configuration that has no file).
   * @param problems At least one problem, each naming its key path or line.
   * @param options `cause`, the underlying error, if any.
   */
  constructor(file: string, problems: readonly string[], options?: ErrorOptions) {
    super(configErrorMessage(file, problems), options);
    this.file = file;
    this.problems = problems;
  }
}

function configErrorMessage(file: string, problems: readonly string[]): string {
  if (problems.length === 1) return `Invalid config ${file}: ${problems[0]}`;
  return `Invalid config ${file}: ${problems.length} problems\n  ${problems.join("\n  ")}`;
}
