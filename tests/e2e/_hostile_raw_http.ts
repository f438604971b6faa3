/**
 * Requests written byte by byte on a raw TCP socket, for what `fetch` would normalise or refuse
 * to send: raw `..` and `.` segments, backslashes, bytes above 0x7F, control characters, CR and
 * LF inside the request line, and request targets that are not paths at all.
 *
 * @module
 */
import type { SeededRandom } from "./_hostile_random.ts";
import type { HostileUrl } from "./_hostile_urls.ts";

/** One raw request target and how it was made. */
export interface RawTarget {
  readonly target: Uint8Array;
  readonly category: string;
}

/** What came back: the status (undefined when no status line came) and the body. */
export interface RawAnswer {
  readonly status: number | undefined;
  readonly body: Uint8Array;
  readonly elapsedMs: number;
}

const SPECIAL_TARGETS = [
  "*",
  "",
  "http://127.0.0.1/iiif/3/test:quad.jpg/info.json",
  "http://evil.example/iiif/3/test:quad.jpg/info.json",
  "iiif/3/test:quad.jpg/info.json",
  "/iiif/3/test:quad.jpg/info.json HTTP/1.0",
  "/iiif/3/../../../../etc/passwd",
  "/iiif/3/test:quad.jpg/../../../status",
  "/iiif/3/..%2f..%2f..%2fetc%2fpasswd/info.json",
  "/iiif/3/\\..\\..\\etc\\passwd/info.json",
  "/iiif/3/test:quad.jpg/full/max/0/default.jpg\r\nX-Injected: 1",
  "/iiif/3/test:quad.jpg\x00/info.json",
  "/" + "a/".repeat(3000),
];

const encoder = new TextEncoder();

/**
 * Raw targets: each of `urls` with some of its percent-escapes written as the raw byte, some
 * slashes turned into backslashes and raw dot segments inserted, plus fixed oddities.
 *
 * @param random Decides which changes each target gets.
 * @param urls Paths from {@linkcode hostileUrls} to start from.
 */
export function rawTargets(random: SeededRandom, urls: readonly HostileUrl[]): RawTarget[] {
  const specials = SPECIAL_TARGETS.map((text) => ({ target: latin1(text), category: "special" }));
  return [...specials, ...urls.map((url) => rawTarget(random, url))];
}

function rawTarget(r: SeededRandom, url: HostileUrl): RawTarget {
  let path = url.path;
  const changes = [];
  if (r.chance(0.5)) {
    path = path.replaceAll("/", () => r.chance(0.3) ? r.pick(["/../", "/./", "/..", "\\"]) : "/");
    changes.push("dot-segments");
  }
  let bytes: Uint8Array = encoder.encode(path);
  if (r.chance(0.6)) {
    bytes = percentDecodedSome(r, bytes);
    changes.push("raw-bytes");
  }
  return { target: bytes, category: [url.category, ...changes].join(" ") };
}

/** `bytes` with about half of its `%XX` escapes replaced by the byte they stand for. */
function percentDecodedSome(r: SeededRandom, bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder("latin1").decode(bytes);
  return latin1(
    text.replace(
      /%([0-9a-fA-F]{2})/g,
      (escape, hex) => r.chance(0.5) ? String.fromCharCode(parseInt(hex, 16)) : escape,
    ),
  );
}

/** One byte per character (all characters here are below U+0100). */
function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

/**
 * Sends `GET <target> HTTP/1.1` with `Connection: close` and reads the answer until the server
 * closes the connection or `deadlineMs` passes (then the socket is closed and `status` is
 * undefined).
 *
 * @param port The server's port on 127.0.0.1.
 * @param request The raw target and the deadline.
 */
export async function sendRaw(
  port: number,
  request: { target: Uint8Array; deadlineMs: number },
): Promise<RawAnswer> {
  const started = performance.now();
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const timer = setTimeout(() => conn.close(), request.deadlineMs);
  try {
    await conn.write(concat(encoder.encode("GET "), request.target, REQUEST_TAIL));
    return { ...parseAnswer(await readUntilClosed(conn)), elapsedMs: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Everything received until the peer closes. A server that refuses a request line answers and
 * then resets the connection (it never read the rest), so a reset keeps what came before it.
 */
async function readUntilClosed(conn: Deno.Conn): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const buffer = new Uint8Array(64 * 1024);
  try {
    for (let n = await conn.read(buffer); n !== null; n = await conn.read(buffer)) {
      chunks.push(buffer.slice(0, n));
    }
    conn.close();
  } catch {
    // A reset, or the deadline having closed the socket: judged by what was received.
  }
  return concat(...chunks);
}

const REQUEST_TAIL = encoder.encode(
  " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
);
const STATUS_LINE_REGEXP = /^HTTP\/1\.[01] (\d{3})/;

function parseAnswer(answer: Uint8Array): { status: number | undefined; body: Uint8Array } {
  const head = new TextDecoder("latin1").decode(answer.subarray(0, 64));
  const status = STATUS_LINE_REGEXP.exec(head)?.[1];
  const headerEnd = indexOfBlankLine(answer);
  return {
    status: status === undefined ? undefined : Number(status),
    body: headerEnd === -1 ? new Uint8Array(0) : answer.subarray(headerEnd + 4),
  };
}

function indexOfBlankLine(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) {
      return i;
    }
  }
  return -1;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((offset, part) => (joined.set(part, offset), offset + part.length), 0);
  return joined;
}
