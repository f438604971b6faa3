/**
 * Tessera's command line: `serve` (default), `check-config`, `info`, `purge` and `warm`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { type Config, ConfigError, defaultConfig, loadConfig } from "./src/config/mod.ts";
import { infoCommand, purgeCommand, tokenCommand, warmCommand } from "./src/cli/mod.ts";
import { CorruptSourceError, UnsupportedSourceError } from "./src/codecs/mod.ts";
import { imageWorkerCount, startServer } from "./src/http/mod.ts";
import { IdentifierNotFoundError, loadWatermarks } from "./src/sources/mod.ts";

const USAGE = `Usage: tessera [serve|check-config] [--config FILE]
       tessera info FILE [--json]
       tessera purge IDENTIFIER [--config FILE]
       tessera warm PROFILE [NAME…] [--sizes W,W…] [--tiles] [--config FILE]
       tessera token PROFILE [--identifier NAME] [--ttl SECONDS] [--config FILE]

  serve          Start the IIIF server (default). Without --config or TESSERA_CONFIG it serves
                 the bundled sample images on http://127.0.0.1:8080/.
  check-config   Validate the configuration and print it with every default filled in.
  info           Print what Tessera reads from an image file's header (no configuration needed).
  purge          Remove every cached derivative of an image; safe while the server runs.
  warm           Pre-generate thumbnails and previews (or --sizes widths) and, with --tiles, every
                 tile of each image (default: every image of the profile) into the cache.
  token          Print an access token for a profile with access: token, signed with its
                 secret, valid --ttl seconds (default 3600), for one image or folder/ if given.`;

/** Each command and the least and most positional arguments that may follow it. */
const COMMAND_ARGUMENTS: Readonly<Record<string, readonly [number, number]>> = {
  "serve": [0, 0],
  "check-config": [0, 0],
  "info": [1, 1],
  "purge": [1, 1],
  "warm": [1, Infinity],
  "token": [1, 1],
};

const PROJECT_ROOT = new URL(".", import.meta.url).pathname.replace(/\/$/, "");

async function readConfig(path: string | undefined): Promise<Config> {
  const file = path ?? Deno.env.get("TESSERA_CONFIG");
  return file ? await loadConfig(file) : defaultConfig(PROJECT_ROOT);
}

/** How long a stopped server may take to wind down before the process exits anyway. */
const EXIT_GRACE_MS = 5_000;

async function serve(config: Config): Promise<void> {
  const server = await startServer(config);
  const stop = async () => {
    Deno.removeSignalListener("SIGTERM", stop);
    Deno.removeSignalListener("SIGINT", stop);
    console.error("Tessera stopping: finishing requests in flight");
    await server.close();
    // Exit by running out of work rather than with Deno.exit: a worker thread that held a GPU
    // device may still be releasing its graphics driver, and exiting under it crashed the
    // process (heap corruption in the EGL teardown) about one stop in five. Anything left
    // keeping the process alive gets EXIT_GRACE_MS.
    Deno.unrefTimer(setTimeout(() => Deno.exit(0), EXIT_GRACE_MS));
  };
  // Before the "listening" line, so a supervisor that signals as soon as it reads it is heard.
  Deno.addSignalListener("SIGTERM", stop);
  Deno.addSignalListener("SIGINT", stop);
  if (server.workerInfo.warning) console.warn(`WARNING: ${server.workerInfo.warning}`);
  const count = config.http_listeners;
  const listeners = count > 1 ? ` on ${count} HTTP listeners` : "";
  console.error(
    `Tessera listening on ${server.url}/ (${imageWorkerCount(config)} workers${listeners}, ` +
      `JPEG codec ${server.workerInfo.jpegCodec}; ${server.workerInfo.backend.reason}). ` +
      `Open ${server.url}/ in a browser.`,
  );
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      config: { type: "string", short: "c" },
      help: { type: "boolean", short: "h" },
      json: { type: "boolean" },
      sizes: { type: "string" },
      tiles: { type: "boolean" },
      identifier: { type: "string" },
      ttl: { type: "string" },
    },
    allowPositionals: true,
  });
  const [command = "serve", ...operands] = positionals;
  const [least, most] = COMMAND_ARGUMENTS[command] ?? [NaN, NaN];
  const sizes = values.sizes === undefined ? undefined : parseWidths(values.sizes);
  if (values.help || !(operands.length >= least && operands.length <= most) || sizes === null) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === "info") {
    await infoCommand(operands[0], { json: values.json ?? false });
    return 0;
  }
  const config = await readConfig(values.config);
  if (command === "purge") {
    await purgeCommand(config, operands[0]);
    return 0;
  }
  if (command === "warm") {
    const [profile, ...names] = operands;
    // Its workers may have held GPU devices: end like `serve`, by running out of work.
    Deno.exitCode = await warmCommand(config, {
      profile,
      names,
      sizes,
      tiles: values.tiles ?? false,
    });
    return -1;
  }
  if (command === "token") {
    const ttlSeconds = Number(values.ttl ?? 3600);
    if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
      console.error(`--ttl "${values.ttl}" is not a positive whole number of seconds\n\n${USAGE}`);
      return 2;
    }
    await tokenCommand(config, { profile: operands[0], identifier: values.identifier, ttlSeconds });
    return 0;
  }
  if (command === "check-config") {
    await loadWatermarks(config);
    console.log(JSON.stringify(config, null, 2));
    return 0;
  }
  await serve(config);
  return -1;
}

/** `--sizes 200,1024` as widths, or `null` when any is not a positive whole number. */
function parseWidths(text: string): number[] | null {
  const widths = text.split(",").map(Number);
  return widths.every((width) => Number.isSafeInteger(width) && width > 0) ? widths : null;
}

/** The message for an error a user can fix, or `undefined` for a bug (then the stack matters). */
function userFacingMessage(error: unknown): string | undefined {
  if (error instanceof ConfigError || error instanceof IdentifierNotFoundError) {
    return error.message;
  }
  if (error instanceof UnsupportedSourceError || error instanceof CorruptSourceError) {
    return error.message;
  }
  if (error instanceof Deno.errors.NotFound) return error.message;
  if (error instanceof Deno.errors.AddrInUse || error instanceof Deno.errors.AddrNotAvailable) {
    return `Cannot listen: ${error.message} (check host and port in the configuration)`;
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
    return `${(error as Error).message}\n\n${USAGE}`;
  }
  return undefined;
}

if (import.meta.main) {
  try {
    const code = await main(Deno.args);
    if (code >= 0) Deno.exit(code);
  } catch (error) {
    const message = userFacingMessage(error);
    if (message === undefined) throw error;
    console.error(message);
    Deno.exit(2);
  }
}
