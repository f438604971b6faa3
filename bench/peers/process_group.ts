/**
 * Starting a server in its own process group and stopping the whole group, so a server's
 * children (lighttpd's iipsrv processes) never outlive the benchmark.
 */

/** A server process started by {@link spawnGroup}. */
export interface GroupProcess {
  /** The process id, which is also the process group id. */
  pid: number;
  /** Lines the process wrote on stdout and stderr, in order (the last 200). */
  output: string[];
  /** Resolves with the first output line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Sends SIGTERM to the group, then SIGKILL after 5 s; resolves when the leader has exited. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;
const KEPT_LINES = 200;

/**
 * Runs `command` under `setsid`, so it leads a new process group; stdout and stderr are read
 * line by line (and must be, or a chatty server would block on a full pipe). `discardStdout`
 * sends stdout to /dev/null instead, for request logs that would only cost the benchmark CPU.
 *
 * @throws {Deno.errors.NotFound} when `setsid` or the command does not exist.
 */
export function spawnGroup(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; discardStdout?: boolean } = {},
): GroupProcess {
  const child = new Deno.Command("setsid", {
    args: [command, ...args],
    env: options.env,
    cwd: options.cwd,
    stdin: "null",
    stdout: options.discardStdout ? "null" : "piped",
    stderr: "piped",
  }).spawn();
  const output: string[] = [];
  const waiters = new Set<(line: string) => void>();
  const onLine = (line: string) => {
    output.push(line);
    if (output.length > KEPT_LINES) output.shift();
    for (const waiter of waiters) waiter(line);
  };
  if (!options.discardStdout) readLines(child.stdout, onLine);
  readLines(child.stderr, onLine);
  return {
    pid: child.pid,
    output,
    waitForLine: (pattern, timeoutMs) =>
      waitForLine(pattern, timeoutMs, output, waiters, child.status),
    stop: () => stopGroup(child),
  };
}

async function readLines(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void) {
  let pending = "";
  for await (const text of stream.pipeThrough(new TextDecoderStream())) {
    const lines = (pending + text).split("\n");
    pending = lines.pop() ?? "";
    lines.forEach(onLine);
  }
  if (pending) onLine(pending);
}

function waitForLine(
  pattern: RegExp,
  timeoutMs: number,
  output: string[],
  waiters: Set<(line: string) => void>,
  exited: Promise<Deno.CommandStatus>,
): Promise<RegExpMatchArray> {
  const seen = output.map((line) => line.match(pattern)).find((match) => match);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no line matching ${pattern}`)), timeoutMs);
    const waiter = (line: string) => {
      const match = line.match(pattern);
      if (match) finish(match);
    };
    const finish = (result: RegExpMatchArray | Error) => {
      clearTimeout(timer);
      waiters.delete(waiter);
      result instanceof Error ? reject(result) : resolve(result);
    };
    waiters.add(waiter);
    exited.then((status) => finish(new Error(`exited with code ${status.code} before starting`)));
  });
}

async function stopGroup(child: Deno.ChildProcess): Promise<void> {
  signalGroup(child.pid, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child.pid, "SIGKILL"), STOP_GRACE_MS);
  await child.status;
  clearTimeout(timer);
  // Children that ignored SIGTERM (or were orphaned by the leader) go now.
  signalGroup(child.pid, "SIGKILL");
}

function signalGroup(pid: number, signal: Deno.Signal): void {
  try {
    Deno.kill(-pid, signal);
  } catch (error) {
    // The group is already gone: nothing left to stop.
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}
