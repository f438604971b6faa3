import { purgeDerivatives } from "../cache/mod.ts";
import type { Config } from "../config/mod.ts";

/**
 * `tessera purge <identifier>`: removes every cached derivative of an image and prints how many;
 * the same purge as `DELETE /cache/{identifier}` ({@linkcode purgeDerivatives}). Safe while the
 * server runs: its next request for one of them misses and renders afresh.
 *
 * @example Purge after replacing a file
 * ```ts ignore
 * await purgeCommand(config, "samples:map.tif"); // Purged 14 derivatives of "samples:map.tif"
 * ```
 *
 * @param config The validated configuration.
 * @param identifier `<profile>:<name>`, or a name of the default profile.
 * @throws {IdentifierNotFoundError} No configured profile can hold that identifier.
 * @throws {SharedCacheUnavailableError} The Redis cache cannot be reached.
 * @throws {Error} The I/O error if the cache folder cannot be removed.
 */
export async function purgeCommand(config: Config, identifier: string): Promise<void> {
  const purged = await purgeDerivatives(config, identifier);
  console.log(`Purged ${purged} derivative${purged === 1 ? "" : "s"} of "${identifier}"`);
}
