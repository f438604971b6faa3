/**
 * A real `redis-server` (Debian package `redis-server`) on 127.0.0.1 for tests: no persistence,
 * a port of its own, stopped (and stoppable mid-test) by the test.
 *
 * @module
 */

/** A running `redis-server` child. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>/0`. */
  readonly url: string;
  readonly port: number;
  /** Kills it (SIGKILL, as a crash would) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  /** Freezes (SIGSTOP) or thaws (SIGCONT) it: a Redis that accepts bytes but never answers. */
  freeze(frozen: boolean): void;
}

/** Starts redis-server on a free loopback port, runs `body`, then kills it. */
export async function withRedisServer(body: (redis: RedisServer) => Promise<void>): Promise<void> {
  const port = freePort();
  const dir = await Deno.makeTempDir({ prefix: "tessera-redis-" });
  let child = await spawnRedis(port, dir);
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    async kill() {
      await stopChild(child);
    },
    async restart() {
      child = await spawnRedis(port, dir);
    },
    freeze(frozen) {
      child.kill(frozen ? "SIGSTOP" : "SIGCONT");
    },
  };
  try {
    await body(server);
  } finally {
    await stopChild(child);
    await Deno.remove(dir, { recursive: true });
  }
}

/** A port nothing listens on right now (the listener is closed at once). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

async function spawnRedis(port: number, dir: string): Promise<Deno.ChildProcess> {
  const command = new Deno.Command("redis-server", {
    args: [
      "--bind",
      "127.0.0.1",
      "--port",
      String(port),
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dir,
    ],
    stdout: "null",
    stderr: "null",
  });
  let child: Deno.ChildProcess;
  try {
    child = command.spawn();
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw new Error("redis-server is missing: apt-get install redis-server", { cause: error });
  }
  await waitUntilListening(port, child);
  return child;
}

async function waitUntilListening(port: number, child: Deno.ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await stopChild(child);
  throw new Error(`redis-server did not listen on port ${port} within 5 s`);
}

async function stopChild(child: Deno.ChildProcess): Promise<void> {
  try {
    child.kill("SIGCONT");
    child.kill("SIGKILL");
  } catch {
    // Already exited.
  }
  await child.status;
}
