/** Answers one request of the test upstream; `closing` aborts when the upstream is disposed. */
export type Route = (request: Request, closing: AbortSignal) => Response | Promise<Response>;

/** A real HTTP server on 127.0.0.1 that counts the requests it receives per path. */
export interface Upstream extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Requests received for `path` (unknown paths included, answered 404). */
  hits(path: string): number;
  /** Requests received in all. */
  totalHits(): number;
  /** Requests being answered right now, at most, since start. */
  readonly peakConcurrency: number;
}

/** Starts an upstream serving `routes` by path; dispose it to stop it. */
export function startUpstream(routes: Record<string, Route>): Upstream {
  const hits = new Map<string, number>();
  let running = 0;
  let peak = 0;
  const closing = new AbortController();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const path = new URL(request.url).pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    peak = Math.max(peak, ++running);
    try {
      return await (routes[path]?.(request, closing.signal) ??
        new Response("Not found", { status: 404 }));
    } finally {
      running--;
    }
  });
  return {
    origin: `http://127.0.0.1:${server.addr.port}`,
    hits: (path) => hits.get(path) ?? 0,
    totalHits: () => [...hits.values()].reduce((sum, count) => sum + count, 0),
    get peakConcurrency() {
      return peak;
    },
    [Symbol.asyncDispose]() {
      closing.abort();
      return server.shutdown();
    },
  };
}

/** A route answering `bytes` as an image, after `delayMs`. */
export function image(bytes: Uint8Array, delayMs = 0): Route {
  return async () => {
    if (delayMs > 0) await sleep(delayMs);
    return new Response(bytes.slice(), { headers: { "content-type": "image/png" } });
  };
}

/** A route redirecting to `location` with `status`. */
export function redirect(location: string, status = 302): Route {
  return () => new Response(null, { status, headers: { location } });
}

/** A route sending one byte every `intervalMs` for as long as the client reads. */
export function trickle(intervalMs: number): Route {
  return () => {
    let timer: ReturnType<typeof setInterval> | undefined;
    return new Response(
      new ReadableStream({
        start(controller) {
          timer = setInterval(() => controller.enqueue(new Uint8Array([0])), intervalMs);
        },
        cancel() {
          clearInterval(timer);
        },
      }),
    );
  };
}

/** A route sending `size` zero bytes as a chunked stream (no Content-Length). */
export function chunked(size: number, chunkSize = 1024): Route {
  return () => {
    let sent = 0;
    return new Response(
      new ReadableStream({
        pull(controller) {
          const length = Math.min(chunkSize, size - sent);
          if (length === 0) return controller.close();
          controller.enqueue(new Uint8Array(length));
          sent += length;
        },
      }),
    );
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Every file under `dir`, relative, sorted; none when `dir` does not exist. */
export async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isDirectory) {
        files.push(...await filesUnder(`${dir}/${entry.name}`, `${prefix}${entry.name}/`));
      } else files.push(prefix + entry.name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return files.sort();
}

/** A route that answers only when the upstream is disposed, long after any client gave up. */
export function stalled(): Route {
  return (_request, closing) =>
    new Promise((resolve) => {
      closing.addEventListener("abort", () => resolve(new Response(null)), { once: true });
    });
}

/** How a truncating upstream frames the body it cuts short. */
export type Framing = "content-length" | "chunked";

/**
 * A raw TCP server on 127.0.0.1 that answers every request with a 200 announcing more body than
 * it sends: `head`, then it closes the connection, as a server that crashes mid-answer does.
 */
export function startTruncatingUpstream(
  head: Uint8Array,
  framing: Framing,
): { readonly origin: string; hits(): number } & AsyncDisposable {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let hits = 0;
  const serving = (async () => {
    for await (const connection of listener) {
      hits++;
      await answerTruncated(connection, head, framing);
    }
  })();
  return {
    origin: `http://127.0.0.1:${listener.addr.port}`,
    hits: () => hits,
    async [Symbol.asyncDispose]() {
      listener.close();
      await serving.catch(() => {});
    },
  };
}

async function answerTruncated(connection: Deno.Conn, head: Uint8Array, framing: Framing) {
  try {
    await connection.read(new Uint8Array(16 * 1024)); // the request; its content does not matter
    const header = framing === "chunked"
      ? `HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n${head.length.toString(16)}\r\n`
      : `HTTP/1.1 200 OK\r\ncontent-length: ${head.length * 10}\r\n\r\n`;
    await connection.write(new TextEncoder().encode(header));
    await connection.write(head);
  } finally {
    connection.close();
  }
}
