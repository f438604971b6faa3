import type { Config } from "../config/mod.ts";
import { IdentifierNotFoundError, parseIdentifier } from "../sources/mod.ts";
import type { DerivativeCache } from "./derivative_cache.ts";
import { DiskDerivativeCache } from "./disk_derivative_cache.ts";
import { derivativeCacheDir, redisCacheOf, servesFromDisk } from "./open_derivative_cache.ts";

/**
 * Removes every cached derivative of an image, whether or not its source still exists (so the
 * derivatives of a deleted file can be cleared too): the one purge behind both `tessera purge`
 * and `DELETE /cache/{identifier}`, so they remove the same things. That is the configured cache
 * (the disk folder, or the Redis cache every instance shares) and, in every case, what is left
 * in the disk folder while the server does not use it (Redis configured, or the disk cache
 * disabled): those entries must not come back when the disk cache is used again.
 *
 * @example Purge after replacing a file
 * ```ts ignore
 * const removed = await purgeDerivatives(config, "samples:map.tif");
 * console.log(`Purged ${removed} derivatives`);
 * ```
 *
 * @param config The validated configuration (its caches and profiles).
 * @param identifier `<profile>:<name>`, or a name of the default profile (as in URLs).
 * @param options `cache`: the cache a running server holds open (its renderer), purged through
 *   so its memory layer and size count follow; without it, as in a separate process, the disk
 *   folder is purged directly and Redis through a connection of its own.
 * @returns How many derivatives were removed.
 * @throws {IdentifierNotFoundError} No configured profile can hold that identifier.
 * @throws {SharedCacheUnavailableError} The Redis cache cannot be reached.
 * @throws {Error} The I/O error if the cache folder cannot be removed.
 */
export async function purgeDerivatives(
  config: Config,
  identifier: string,
  options: { cache?: Pick<DerivativeCache, "purge"> } = {},
): Promise<number> {
  const canonical = canonicalIdentifier(config, identifier);
  const { cache } = options;
  const fromFolder = cache && servesFromDisk(config)
    ? 0
    : await DiskDerivativeCache.purgeFolder(derivativeCacheDir(config), canonical);
  if (cache) return fromFolder + await cache.purge(canonical);
  if (config.derivative_cache.type !== "redis") return fromFolder;
  return fromFolder + await purgeShared(config, canonical);
}

/** `<profile>:<name>`: the name derivatives are stored and purged by. */
function canonicalIdentifier(config: Config, identifier: string): string {
  const parsed = parseIdentifier(identifier, {
    profiles: new Set(Object.keys(config.profiles)),
    defaultProfile: config.default_profile,
  });
  if (!parsed) throw new IdentifierNotFoundError(identifier);
  return `${parsed.profile}:${parsed.name}`;
}

async function purgeShared(config: Config, identifier: string): Promise<number> {
  const shared = redisCacheOf(config);
  try {
    return await shared.purge(identifier);
  } finally {
    shared.close();
  }
}
