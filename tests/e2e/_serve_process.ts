/**
 * `tessera serve` as a child process the test controls: it can be signalled (SIGTERM, SIGKILL)
 * at any moment, and its exit awaited.
 *
 * @module
 */

const LISTENING_REGEXP = /listening on (https?:\/\/127\.0\.0\.1:\d+)\//;
const PROJECT_ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** A running `tessera serve` child. */
export interface ServeProcess {
  readonly url: string;
  readonly child: Deno.ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
}

/**
 * The permission flags `deno task start` runs the server with, read from deno.json, so a test can
 * run it as operators do rather than with `--allow-all`.
 */
export async function startTaskFlags(): Promise<string[]> {
  const { tasks } = JSON.parse(await Deno.readTextFile(`${PROJECT_ROOT}/deno.json`));
  return (tasks.start as string).split(/\s+/).filter((word) => word.startsWith("--allow-"));
}

/**
 * Starts `tessera serve --config <config>` from this checkout and waits for its "listening" line.
 *
 * @param flags Deno's permission flags; all permissions by default.
 * @throws {Error} The process ended before it listened.
 */
export async function startServeProcess(
  config: string,
  flags: readonly string[] = ["-A"],
): Promise<ServeProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...flags, `${PROJECT_ROOT}/main.ts`, "serve", "--config", config],
    cwd: PROJECT_ROOT,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let text = "";
  const listening = Promise.withResolvers<string>();
  (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      text += chunk;
      const match = text.match(LISTENING_REGEXP);
      if (match) listening.resolve(match[1]);
    }
    listening.reject(new Error(`tessera serve ended before it listened: ${text}`));
  })();
  return { url: await listening.promise, child, stderr: () => text };
}

/** Whether a new TCP connection to `url` is refused. */
export async function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  try {
    const conn = await Deno.connect({ hostname, port: Number(port) });
    conn.close();
    return false;
  } catch (error) {
    if (error instanceof Deno.errors.ConnectionRefused) return true;
    throw error;
  }
}
