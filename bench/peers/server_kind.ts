/** What the benchmark needs to know about each server it compares. */

/** A server process started for a run; `stop` ends its whole process group. */
export interface RunningServer {
  /** Root of the server's process tree, whose CPU and memory are measured. */
  pid: number;
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  baseUrl: string;
  stop(): Promise<void>;
}

/** One server under test: how to start it and how its IIIF URLs are spelled. */
export interface ServerKind {
  /** Column name in the results, e.g. "IIPImage 1.1". */
  label: string;
  /** How it was set up, for the results file. */
  setup: string;
  /** Whether it can serve this file (IIPImage reads only TIFF and JPEG 2000). */
  reads(fileName: string): boolean;
  /** The request path for `tail` ("info.json" or "region/size/rotation/quality.format"). */
  path(fileName: string, tail: string): string;
  /** Starts a fresh server; rejects when it does not come up. */
  start(): Promise<RunningServer>;
}

/** A free loopback TCP port, for servers that cannot pick their own and report it. */
export function freeLoopbackPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  listener.close();
  return port;
}
