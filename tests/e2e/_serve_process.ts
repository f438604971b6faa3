/**
 * `tessera serve` as a child process the test controls: it can be signalled (SIGTERM, SIGKILL)
 * at any moment, and its exit awaited.
 *
 * @module
 */

const LISTENING_REGEXP = /listening on (http:\/\/127\.0\.0\.1:\d+)\//;
const PROJECT_ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** A running `tessera serve` child. */
export interface ServeProcess {
  readonly url: string;
  readonly child: Deno.ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
}

/**
 * Starts `tessera serve --config <config>` from this checkout and waits for its "listening" line.
 *
 * @throws {Error} The process ended before it listened.
 */
export async function startServeProcess(config: string): Promise<ServeProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${PROJECT_ROOT}/main.ts`, "serve", "--config", config],
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
