import type { Config } from "../config/mod.ts";
import { IdentifierNotFoundError, parseIdentifier } from "../sources/mod.ts";
import { DiskDerivativeCache } from "./disk_derivative_cache.ts";

/**
 * Removes every cached derivative of an image, whether or not its source still exists (so the
 * derivatives of a deleted file can be cleared too). A short identifier is the default profile's,
 * as in URLs.
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
 * @throws {Error} The I/O error if the cache folder cannot be removed.
 */
export async function purgeDerivatives(config: Config, identifier: string): Promise<number> {
  const parsed = parseIdentifier(identifier, {
    profiles: new Set(Object.keys(config.profiles)),
    defaultProfile: config.default_profile,
  });
  if (!parsed) throw new IdentifierNotFoundError(identifier);
  return await DiskDerivativeCache.purgeFolder(
    derivativeCacheDir(config),
    `${parsed.profile}:${parsed.name}`,
  );
}

/**
 * Where the derivative cache of a configuration lives.
 *
 * @param config The validated configuration.
 * @returns `<cache_path>/derivatives`.
 */
export function derivativeCacheDir(config: Config): string {
  return `${config.cache_path}/derivatives`;
}
