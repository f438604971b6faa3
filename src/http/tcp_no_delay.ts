/** Linux's values from `<sys/socket.h>`, `<netinet/in.h>` and `<netinet/tcp.h>`. */
const AF_INET = 2;
const AF_INET6 = 10;
const SOL_SOCKET = 1;
const SO_TYPE = 3;
const SOCK_STREAM = 1;
const SO_ACCEPTCONN = 30;
const IPPROTO_TCP = 6;
const TCP_NODELAY = 1;
/** Descriptors looked at: a server opens its listener long before it has this many files. */
const MAX_DESCRIPTOR = 4096;
/** `struct sockaddr_storage`. */
const SOCKADDR_BYTES = 128;

const LIBC_SYMBOLS = {
  getsockname: { parameters: ["i32", "buffer", "buffer"], result: "i32" },
  getsockopt: { parameters: ["i32", "i32", "i32", "buffer", "buffer"], result: "i32" },
  setsockopt: { parameters: ["i32", "i32", "i32", "buffer", "u32"], result: "i32" },
} as const;

type Libc = Deno.DynamicLibrary<typeof LIBC_SYMBOLS>["symbols"];

/** One of the process's TCP sockets bound to a local port. */
export interface TcpSocket {
  readonly descriptor: number;
  /** The listening socket itself, rather than a connection it accepted. */
  readonly listening: boolean;
  /** Whether Nagle's algorithm is off on it. */
  readonly noDelay: boolean;
}

/**
 * The process's TCP sockets (IPv4 and IPv6) whose local port is `port`: the listener and the
 * connections it accepted. Found by asking libc about each descriptor (`getsockname`), which
 * needs only `--allow-ffi` (Deno 2 lets nothing short of `--allow-all` read `/proc/self`).
 *
 * @throws {Error} libc cannot be loaded (not glibc).
 */
export function tcpSockets(port: number): TcpSocket[] {
  return withLibc((libc) => socketsOn(libc, port));
}

/**
 * Turns Nagle's algorithm off on the socket listening on `port`, which Linux hands on to every
 * connection it accepts from then on, and on the connections accepted already. `Deno.serve`
 * leaves it on for TLS connections, where the end of a response then waits for the client's
 * delayed ACK: 40 ms for every HTTP/1.1 answer of a few KB on a kept-alive connection (a minimal
 * `Deno.serve` with a 20 KB body answered wrk 120 times a second over TLS, 14,676 with this;
 * HTTP/2 264 and 8,694). Deno offers no handle on the socket: it is found among the process's
 * descriptors and set with libc's `setsockopt` over FFI.
 *
 * @returns `undefined` once set, else why it could not be (no glibc, no such socket, a refusal).
 */
export function disableNagle(port: number): string | undefined {
  try {
    return withLibc((libc) => {
      const sockets = socketsOn(libc, port);
      if (!sockets.some((socket) => socket.listening)) return `no socket listens on port ${port}`;
      const on = new Int32Array([1]);
      for (const { descriptor } of sockets) {
        if (libc.setsockopt(descriptor, IPPROTO_TCP, TCP_NODELAY, on, 4) !== 0) {
          return `setsockopt(TCP_NODELAY) failed on descriptor ${descriptor}`;
        }
      }
      return undefined;
    });
  } catch (error) {
    return `cannot load libc.so.6: ${(error as Error).message}`;
  }
}

function withLibc<T>(use: (libc: Libc) => T): T {
  const library = Deno.dlopen("libc.so.6", LIBC_SYMBOLS);
  try {
    return use(library.symbols);
  } finally {
    library.close();
  }
}

function socketsOn(libc: Libc, port: number): TcpSocket[] {
  const address = new Uint8Array(SOCKADDR_BYTES);
  const view = new DataView(address.buffer);
  const length = new Uint32Array(1);
  const sockets: TcpSocket[] = [];
  for (let descriptor = 0; descriptor < MAX_DESCRIPTOR; descriptor++) {
    length[0] = SOCKADDR_BYTES;
    // Fails (EBADF, ENOTSOCK) on closed descriptors and on anything but a socket.
    if (libc.getsockname(descriptor, address, length) !== 0) continue;
    const family = view.getUint16(0, true);
    if (family !== AF_INET && family !== AF_INET6) continue;
    // The port is in network byte order in both sockaddr_in and sockaddr_in6.
    if (view.getUint16(2, false) !== port) continue;
    if (option(libc, descriptor, SOL_SOCKET, SO_TYPE) !== SOCK_STREAM) continue;
    sockets.push({
      descriptor,
      listening: option(libc, descriptor, SOL_SOCKET, SO_ACCEPTCONN) === 1,
      noDelay: option(libc, descriptor, IPPROTO_TCP, TCP_NODELAY) === 1,
    });
  }
  return sockets;
}

/** An integer socket option, or -1 when it cannot be read (a UDP socket has no TCP_NODELAY). */
function option(libc: Libc, descriptor: number, level: number, name: number): number {
  const value = new Int32Array(1);
  const length = new Uint32Array([4]);
  return libc.getsockopt(descriptor, level, name, value, length) === 0 ? value[0] : -1;
}
