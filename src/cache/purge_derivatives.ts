import type { Config } from "../config/mod.ts";
import { IdentifierNotFoundError, parseIdentifier } from "../sources/mod.ts";
import { DiskDerivativeCache } from "./disk_derivative_cache.ts";
import { derivativeCacheDir, redisCacheOf } from "./open_derivative_cache.ts";

/**
 * `<profile>:<name>` of an identifier as URLs give it (a short one is the default profile's):
 * the name derivatives are stored and purged by.
 *
 * @throws {IdentifierNotFoundError} No configured profile can hold that identifier.
 */
export function canonicalIdentifier(config: Config, identifier: string): string {
  const parsed = parseIdentifier(identifier, {
    profiles: new Set(Object.keys(config.profiles)),
    defaultProfile: config.default_profile,
  });
  if (!parsed) throw new IdentifierNotFoundError(identifier);
  return `${parsed.profile}:${parsed.name}`;
}

/**
 * Removes every cached derivative of an image, whether or not its source still exists (so the
 * derivatives of a deleted file can be cleared too), from the disk cache and, when configured, from
 * the Redis cache every instance shares. A short identifier is the default profile's, as in URLs.
 *
 * @example Purge after replacing a file
 * ```ts ignore
 * const removed = await purgeDerivatives(config, "samples:map.tif");
 * console.log(`Purged ${removed} derivatives`);
 * ```
 *
 * @param config The validated configuration (its `cache_path` and profiles).
 * @param identifier `<profile>:<name>`, or a name of the default profile.
 * @returns How many derivatives were removed.
 * @throws {IdentifierNotFoundError} No configured profile can hold that identifier.
 * @throws {SharedCacheUnavailableError} The Redis cache cannot be reached.
 * @throws {Error} The I/O error if the cache folder cannot be removed.
 */
export async function purgeDerivatives(config: Config, identifier: string): Promise<number> {
  const canonical = canonicalIdentifier(config, identifier);
  // The disk folder too with Redis: entries from before the switch must not come back with disk.
  const removed = await DiskDerivativeCache.purgeFolder(derivativeCacheDir(config), canonical);
  if (config.derivative_cache.type !== "redis") return removed;
  const shared = redisCacheOf(config);
  try {
    return removed + await shared.purge(canonical);
  } finally {
    shared.close();
  }
}
