/** Driving a server with wrk and reading its figures back. */

const LUA_SCRIPT = new URL("./cycle_urls.lua", import.meta.url).pathname;
const THREADS = 2;
const CONNECTIONS = 8;
/** A request slower than this counts as a wrk timeout error instead of a latency. */
const REQUEST_TIMEOUT_S = 30;

/** What wrk measured over one run. */
export interface LoadFigures {
  requests: number;
  seconds: number;
  /** Answers other than 2xx/3xx. */
  non2xx: number;
  /** Connect, read, write errors and timeouts. */
  socketErrors: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Runs wrk (2 threads, 8 connections) for `seconds` against `baseUrl`, cycling through `paths`.
 * wrk stops by itself at the end; the process is killed if it has not exited 40 s later.
 *
 * @throws {Error} when wrk fails or prints no result line.
 */
export async function runWrk(
  baseUrl: string,
  paths: string[],
  seconds: number,
  workDir: string,
): Promise<LoadFigures> {
  const pathsFile = await Deno.makeTempFile({ dir: workDir, suffix: ".txt" });
  await Deno.writeTextFile(pathsFile, paths.join("\n") + "\n");
  const result = await new Deno.Command("wrk", {
    args: [
      `--threads=${THREADS}`,
      `--connections=${CONNECTIONS}`,
      `--duration=${seconds}s`,
      `--timeout=${REQUEST_TIMEOUT_S}s`,
      `--script=${LUA_SCRIPT}`,
      baseUrl,
      "--",
      pathsFile,
      String(THREADS),
    ],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout((seconds + 40) * 1000),
  }).output();
  await Deno.remove(pathsFile);
  const stdout = new TextDecoder().decode(result.stdout);
  const line = stdout.split("\n").find((text) => text.startsWith("WRK-RESULT "));
  if (!result.success || !line) {
    throw new Error(`wrk failed: ${stdout}${new TextDecoder().decode(result.stderr)}`);
  }
  const raw = JSON.parse(line.slice("WRK-RESULT ".length));
  return {
    requests: raw.requests,
    seconds: raw.durationUs / 1e6,
    non2xx: raw.non2xx,
    socketErrors: raw.socketErrors,
    p50Ms: raw.p50Us / 1000,
    p99Ms: raw.p99Us / 1000,
  };
}
