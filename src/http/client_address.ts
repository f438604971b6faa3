/** The connection's peer address of each request being answered, as Deno.serve reported it. */
const PEERS = new WeakMap<Request, string>();

/**
 * Remembers the address the request came from, for {@linkcode clientAddress}.
 *
 * @param request The request as the server received it.
 * @param address The connection's remote address (`Deno.ServeHandlerInfo.remoteAddr`).
 */
export function rememberPeer(request: Request, address: Deno.Addr): void {
  if ("hostname" in address) PEERS.set(request, address.hostname);
}

/**
 * The client's address: the last entry of `header` when the configuration names one (the
 * address the nearest proxy saw; earlier entries are the client's own claims), else the
 * connection's peer.
 *
 * @param request The request being answered.
 * @param header Config `client_ip_header`.
 * @returns The address, or `undefined` when neither is known (a request made in process).
 */
export function clientAddress(request: Request, header: string | null): string | undefined {
  if (header === null) return PEERS.get(request);
  const last = request.headers.get(header)?.split(",").at(-1)?.trim();
  return last ? last : undefined;
}
