/**
 * The shared derivative cache (Redis) cannot be reached, or did not answer in time. Lookups and
 * stores treat it as a miss and a skip; only a purge, which must not silently do nothing, throws
 * it (503).
 */
export class SharedCacheUnavailableError extends Error {
  /**
   * @param address Where the cache was expected, `host:port`.
   * @param options `cause`: the connection error or timeout behind it.
   */
  constructor(address: string, options?: ErrorOptions) {
    super(`Shared cache at "${address}" is unavailable`, options);
    this.name = "SharedCacheUnavailableError";
  }
}
