import type { Config } from "../config/mod.ts";
import { DiskProfile } from "./disk_profile.ts";
import type { FetchLimiter } from "./_fetch_limiter.ts";
import { RemoteProfile } from "./remote_profile.ts";
import type { SourceProfile } from "./source_profile.ts";
import { trustedWebLocator } from "./_trusted_web_locator.ts";
import { webLocator } from "./_web_locator.ts";

/**
 * The profile a configuration entry describes, keeping its files (or fetched sources) under
 * `<source_path>/<name>/`.
 *
 * @param name A key of `config.profiles`.
 * @param options The validated configuration, and the download slots all remote profiles share.
 * @throws {TypeError} If a `web` profile has no `url` or a `trusted_web` one no `regex`, which
 *   `parseConfig` rejects: the configuration was not validated.
 */
export function createProfile(
  name: string,
  options: { config: Config; limiter: FetchLimiter },
): SourceProfile {
  const { config, limiter } = options;
  const profile = config.profiles[name];
  const root = `${config.source_path}/${name}`;
  if (profile.type === "disk") return new DiskProfile(name, root);
  const locator = profile.type === "web"
    ? webLocator(required(profile.url, `profiles.${name}.url`))
    : trustedWebLocator(required(profile.regex, `profiles.${name}.regex`));
  return new RemoteProfile(name, {
    root,
    locator,
    limiter,
    timeoutMs: profile.timeout_ms,
    maxBytes: profile.max_bytes,
    maxRedirects: profile.max_redirects,
    allowPrivateNetworks: profile.allow_private_networks,
  });
}

function required(value: string | null, key: string): string {
  if (value === null) throw new TypeError(`Cannot create profile: ${key} is missing`);
  return value;
}
