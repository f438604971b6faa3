import type { Config } from "../config/mod.ts";
import { startServer } from "../http/mod.ts";
import { SourceRegistry } from "../sources/mod.ts";
import { runLimited } from "./_run_limited.ts";
import { type WarmableImage, warmPaths } from "./_warm_paths.ts";
import { WarmProgress } from "./_warm_progress.ts";

/** What `tessera warm` was asked to pre-generate. */
export interface WarmOptions {
  /** The profile whose images are warmed. */
  readonly profile: string;
  /** Names within the profile; empty for every name the profile lists. */
  readonly names: readonly string[];
  /** Widths of the full-image JPEGs; default `thumbnail_width` and `preview_width`. */
  readonly sizes?: readonly number[];
  /** Also every tile of the info.json pyramid. */
  readonly tiles: boolean;
}

/** One derivative (or info.json) the server did not deliver. */
interface WarmFailure {
  readonly identifier: string;
  readonly path: string;
  /** The HTTP status, or 0 when no answer came. */
  readonly status: number;
  readonly message: string;
}

interface WarmJob {
  readonly identifier: string;
  readonly path: string;
}

/**
 * `made`: rendered, and stored; `cached`: the cache answered; `passed`: a tile the source stores,
 * sent as it is (see `outcomeOf`).
 */
type WarmOutcome = "made" | "cached" | "passed" | WarmFailure;

/**
 * The configuration of the in-process server: plain HTTP on a free loopback port, with the
 * warmed profile public, so it renders the full derivatives (which are cached under the same keys
 * whatever the profile's `access`) without a token or an allowed address.
 */
function warmingConfig(config: Config, profileName: string): Config {
  const profile = { ...config.profiles[profileName], access: "public" as const };
  const profiles = { ...config.profiles, [profileName]: profile };
  return { ...config, host: "127.0.0.1", port: 0, tls: null, profiles };
}

/** The longest part of an error answer quoted in a failure line. */
const MESSAGE_CHARS = 200;

/**
 * `tessera warm <profile> [names…]`: starts the server in-process on a free loopback port and
 * requests each image's thumbnail and preview (or `sizes`) and, with `tiles`, its whole tile
 * pyramid, `image_pool_size` at a time, so the derivative cache holds them before the first
 * visitor. Going through HTTP makes the cached files exactly those the server will look up.
 * Prints progress on stderr, each failure, and a summary on stdout.
 *
 * @example Warm the thumbnails and previews of two images
 * ```ts ignore
 * const code = await warmCommand(config, { profile: "samples", names: ["a.tif", "b.jp2"], tiles: false });
 * // Warmed 4 derivatives of 2 images in 1.2 s: 4 made, 0 already cached, 0 stored tiles passed through, 0 failed
 * ```
 *
 * @param config The validated configuration.
 * @param options The profile, names, widths and whether to add tiles.
 * @returns The exit code: 0 all warmed, 1 some failed, 2 an unknown profile.
 * @throws {Error} The server could not start (no worker, `gpu: on` without a GPU).
 */
export async function warmCommand(config: Config, options: WarmOptions): Promise<number> {
  if (!Object.hasOwn(config.profiles, options.profile)) {
    const known = Object.keys(config.profiles).map((name) => `"${name}"`).join(", ");
    console.error(`Unknown profile "${options.profile}" (the configuration has ${known})`);
    return 2;
  }
  const started = performance.now();
  const server = await startServer(warmingConfig(config, options.profile), { log: () => {} });
  try {
    if (server.workerInfo.warning) console.warn(`WARNING: ${server.workerInfo.warning}`);
    const identifiers = options.names.length > 0
      ? options.names.map((name) => `${options.profile}:${name}`)
      : await profileIdentifiers(config, options.profile);
    const widths = options.sizes ?? [config.thumbnail_width, config.preview_width];
    const limit = config.image_pool_size;
    const planned = await runLimited(
      identifiers,
      limit,
      (identifier) => planImage(server.url, identifier, { widths, tiles: options.tiles }),
    );
    const jobs = planned.flatMap((plan) => Array.isArray(plan) ? plan : []);
    const progress = new WarmProgress(jobs.length, {
      terminal: Deno.stderr.isTerminal(),
      write: (text) => Deno.stderr.writeSync(new TextEncoder().encode(text)),
    });
    const outcomes = await runLimited(jobs, limit, async (job) => {
      const outcome = await warmOne(server.url, job);
      progress.step();
      return outcome;
    });
    const failures = [...planned, ...outcomes].filter(isFailure);
    for (const failure of failures) console.error(describeFailure(failure));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      summary(outcomes, { images: identifiers.length, failed: failures.length, seconds }),
    );
    return failures.length > 0 ? 1 : 0;
  } finally {
    await server.close();
  }
}

/** Every identifier of one profile, listable or not: the operator asked for this profile. */
function profileIdentifiers(config: Config, profile: string): Promise<string[]> {
  const only = { [profile]: { ...config.profiles[profile], listable: true } };
  return new SourceRegistry({ ...config, profiles: only }).listable();
}

/** The derivative paths of one image, from its info.json, or why it has none. */
async function planImage(
  base: string,
  identifier: string,
  options: { widths: readonly number[]; tiles: boolean },
): Promise<WarmJob[] | WarmFailure> {
  const path = `/iiif/3/${encodeURIComponent(identifier)}/info.json`;
  const answer = await request(base, { identifier, path });
  if (!(answer instanceof Response)) return answer;
  const image: WarmableImage = await answer.json();
  return warmPaths(identifier, image, options).map((path) => ({ identifier, path }));
}

async function warmOne(base: string, job: WarmJob): Promise<WarmOutcome> {
  const answer = await request(base, job);
  if (!(answer instanceof Response)) return answer;
  await answer.body?.cancel();
  return outcomeOf(answer.headers.get("server-timing") ?? "");
}

/**
 * What the server did with one derivative, read from its `Server-Timing`. Only a cache hit counts
 * as already cached. A stored tile sent as it is (`source;desc="tile"`) is counted apart: whether
 * the cache keeps a copy is the cache's choice (it does for `s3` profiles, then a second warm
 * counts it as a hit; not for local files, whose stored tiles cost no more to read than a hit).
 */
function outcomeOf(timing: string): WarmOutcome {
  if (/cache;desc="hit"/.test(timing)) return "cached";
  return /source;desc="tile"/.test(timing) ? "passed" : "made";
}

/** The 2xx response to `GET job.path`, or the failure (with the error body's first line). */
async function request(base: string, job: WarmJob): Promise<Response | WarmFailure> {
  try {
    const response = await fetch(`${base}${job.path}`);
    if (response.ok) return response;
    const text = (await response.text()).trim().split("\n")[0];
    return { ...job, status: response.status, message: text.slice(0, MESSAGE_CHARS) };
  } catch (error) {
    return { ...job, status: 0, message: error instanceof Error ? error.message : String(error) };
  }
}

function isFailure(outcome: unknown): outcome is WarmFailure {
  return typeof outcome === "object" && outcome !== null && "status" in outcome;
}

function describeFailure(failure: WarmFailure): string {
  const status = failure.status === 0 ? "no answer" : `HTTP ${failure.status}`;
  return `Failed ${failure.identifier}: GET ${failure.path}: ${status}: ${failure.message}`;
}

/** The closing line; `failed` also counts images whose info.json failed. */
function summary(
  outcomes: readonly WarmOutcome[],
  counts: { images: number; failed: number; seconds: number },
): string {
  const count = (kind: WarmOutcome) => outcomes.filter((outcome) => outcome === kind).length;
  const [made, cached, passed] = [count("made"), count("cached"), count("passed")];
  return `Warmed ${made + cached + passed + counts.failed} derivatives of ${counts.images} ` +
    `images in ${counts.seconds.toFixed(1)} s: ${made} made, ${cached} already cached, ` +
    `${passed} stored tiles passed through, ${counts.failed} failed`;
}
