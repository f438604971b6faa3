/**
 * Server configuration: one YAML file validated by a zod schema at start-up, so a typo or an
 * impossible value stops the server with a {@linkcode ConfigError} naming the key, instead of
 * surfacing later as a wrong response. {@linkcode Config} is the only configuration type; it is
 * passed down as an argument, never read from a global.
 *
 * @module
 */
export { type Config, ConfigSchema, type LogLevel, type ProfileConfig } from "./schema.ts";
export { ConfigError } from "./config_error.ts";
export { type ConfigOrigin, loadConfig, parseConfig } from "./load_config.ts";
export { defaultConfig } from "./default_config.ts";
export { renderConfigTable } from "./config_table.ts";
