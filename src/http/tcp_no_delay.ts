/** `IPPROTO_TCP` and `TCP_NODELAY` from Linux's `<netinet/tcp.h>`. */
const IPPROTO_TCP = 6;
const TCP_NODELAY = 1;
/** `/proc/net/tcp` socket states, in hex as the file writes them. */
export const TCP_STATE = { established: "01", listening: "0A" } as const;

/**
 * The process's file descriptors of the TCP sockets (IPv4 and IPv6) bound to local `port` in
 * `state`, found through /proc: the sockets' inodes in /proc/net/tcp*, then the descriptors
 * that link to them in /proc/self/fd. Empty where there is no /proc (not Linux).
 */
export function tcpSocketDescriptors(port: number, state: string): number[] {
  const inodes = new Set<string>();
  const portSuffix = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readOrEmpty(table).split("\n").slice(1)) {
      const [, local, , socketState, , , , , , inode] = line.trim().split(/\s+/);
      if (local?.endsWith(portSuffix) && socketState === state) inodes.add(inode);
    }
  }
  const descriptors: number[] = [];
  if (inodes.size === 0) return descriptors;
  for (const entry of Deno.readDirSync("/proc/self/fd")) {
    const inode = socketInode(`/proc/self/fd/${entry.name}`);
    if (inode !== undefined && inodes.has(inode)) descriptors.push(Number(entry.name));
  }
  return descriptors;
}

/**
 * Turns Nagle's algorithm off on the socket listening on `port`; Linux hands the setting on to
 * every connection it accepts. `Deno.serve` leaves it on for TLS connections, where the end of a
 * response then waits for the client's delayed ACK: 40 ms for every HTTP/1.1 answer of a few
 * KB on a kept-alive connection (a minimal `Deno.serve` with a 20 KB body answered wrk 120
 * times a second over TLS, 14,676 with this; HTTP/2 264 and 8,694). Deno offers no handle on
 * the socket, so it is found through /proc and set with libc's `setsockopt` over FFI.
 *
 * @returns `undefined` once set, else why it could not be (no /proc, no glibc, no socket).
 */
export function disableNagle(port: number): string | undefined {
  const descriptors = tcpSocketDescriptors(port, TCP_STATE.listening);
  if (descriptors.length === 0) return `no listening socket on port ${port} found in /proc`;
  let libc;
  try {
    libc = Deno.dlopen("libc.so.6", {
      setsockopt: { parameters: ["i32", "i32", "i32", "buffer", "u32"], result: "i32" },
    });
  } catch (error) {
    return `cannot load libc.so.6: ${(error as Error).message}`;
  }
  try {
    const on = new Int32Array([1]);
    for (const descriptor of descriptors) {
      if (libc.symbols.setsockopt(descriptor, IPPROTO_TCP, TCP_NODELAY, on, 4) !== 0) {
        return `setsockopt(TCP_NODELAY) failed on descriptor ${descriptor}`;
      }
    }
    return undefined;
  } finally {
    libc.close();
  }
}

function readOrEmpty(path: string): string {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return "";
  }
}

/** The inode of the socket `link` points at, `undefined` for other descriptors. */
function socketInode(link: string): string | undefined {
  try {
    return Deno.readLinkSync(link).match(/^socket:\[(\d+)\]$/)?.[1];
  } catch {
    // Descriptors close while the folder is read (the listing's own one among them).
    return undefined;
  }
}
