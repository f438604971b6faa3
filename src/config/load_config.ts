import { dirname, resolve } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { ConfigError } from "./config_error.ts";
import { describeIssue } from "./_describe_issue.ts";
import { type Config, ConfigSchema } from "./schema.ts";

/** Where configuration data came from: named in errors, and the base of relative paths. */
export interface ConfigOrigin {
  /** The file (or a label such as `(embedded default)`) named in error messages. */
  readonly file: string;
  /** The directory relative paths (`source_path`, `cache_path`, TLS files, watermarks) start from. */
  readonly baseDir: string;
}

/**
 * Reads and validates a YAML configuration file. Relative paths in it are resolved against the
 * file's directory.
 *
 * @param path The file, absolute or relative to the working directory.
 * @returns The configuration with every default filled in and absolute paths.
 * @throws {ConfigError} If the file cannot be read, is not valid YAML or does not match the schema.
 */
export async function loadConfig(path: string): Promise<Config> {
  const file = resolve(path);
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (error) {
    throw new ConfigError(file, [`cannot be read: ${(error as Error).message}`], { cause: error });
  }
  return parseConfig(parseYamlText(text, file), { file, baseDir: dirname(file) });
}

/**
 * Validates configuration data already parsed from YAML (or built in code), filling in defaults
 * and making `source_path`, `cache_path`, the TLS files and each watermark's `image` absolute. An empty document (`null`) means all
 * defaults.
 *
 * @param data The parsed document.
 * @param origin The file named in errors and the directory relative paths start from.
 * @returns The validated configuration.
 * @throws {ConfigError} Listing every unknown key, wrong type and impossible value.
 */
export function parseConfig(data: unknown, origin: ConfigOrigin): Config {
  const result = ConfigSchema.safeParse(data ?? {}, { reportInput: true });
  if (!result.success) {
    throw new ConfigError(origin.file, result.error.issues.flatMap(describeIssue));
  }
  const config = result.data;
  return {
    ...config,
    source_path: resolve(origin.baseDir, config.source_path),
    cache_path: resolve(origin.baseDir, config.cache_path),
    tls: config.tls && {
      cert_file: resolve(origin.baseDir, config.tls.cert_file),
      key_file: resolve(origin.baseDir, config.tls.key_file),
    },
    profiles: Object.fromEntries(
      Object.entries(config.profiles).map(([name, profile]) => {
        const { watermark } = profile;
        if (watermark === null) return [name, profile];
        const image = resolve(origin.baseDir, watermark.image);
        return [name, { ...profile, watermark: { ...watermark, image } }];
      }),
    ),
  };
}

function parseYamlText(text: string, file: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    // yaml's message continues with " at line L, column C:" and a code frame; keep the reason.
    const reason = error.message.split(" at line ")[0];
    const position = error.linePos?.[0];
    const where = position ? `line ${position.line}, column ${position.col}` : "YAML";
    throw new ConfigError(file, [`${where}: ${reason}`], { cause: error });
  }
}
