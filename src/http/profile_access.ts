import {
  importAccessKey,
  type IpRange,
  MIN_SECRET_LENGTH,
  nowInSeconds,
  parseIpRange,
  type TokenCheck,
  VerifiedTokens,
} from "../access/mod.ts";
import { type Config, ConfigError, type ProfileConfig } from "../config/mod.ts";

/** What a protected profile's access checks need, built once at start. */
export interface ProfileAccess {
  /**
   * A `token` profile's HMAC key (`tokens.key`, imported from its secret) with the tokens it has
   * verified, so a viewer's tiles do not each verify the same one; absent on `ip` profiles.
   */
  readonly tokens?: VerifiedTokens;
  /** Its `access_allow_ips`, parsed. */
  readonly allowIps: readonly IpRange[];
}

/**
 * Imports every `token` profile's secret and parses every protected profile's address ranges,
 * once, so requests reuse them and a missing secret stops the server before anything listens
 * rather than failing requests.
 *
 * @param config The validated configuration.
 * @returns The access rules of every profile that is not public, by profile name.
 * @throws {ConfigError} A `token` profile's secret variable is unset or too short.
 */
export async function loadProfileAccess(
  config: Config,
): Promise<ReadonlyMap<string, ProfileAccess>> {
  const loaded = new Map<string, ProfileAccess>();
  for (const [name, profile] of Object.entries(config.profiles)) {
    if (profile.access === "public") continue;
    // The schema has already refused any text that is no range.
    const allowIps = profile.access_allow_ips.map((text) => parseIpRange(text)!);
    const key = profile.access === "token" ? await accessKey(name, profile) : undefined;
    loaded.set(
      name,
      key === undefined ? { allowIps } : { tokens: new VerifiedTokens(key), allowIps },
    );
  }
  return loaded;
}

/**
 * Checks a token against a `token` profile's key at the current time: the one verification the
 * image routes, the probe and the login services share.
 *
 * @param access The access rules of every protected profile.
 * @param token The profile's name, the token as the client sent it, and `now` (in seconds since
 * the Unix epoch) when the caller needs the same instant.
 * @returns The claims, or why the token is refused.
 * @throws {Error} The profile has no key: it is not a `token` profile.
 */
export function checkProfileToken(
  access: ReadonlyMap<string, ProfileAccess>,
  token: { readonly profile: string; readonly value: string; readonly now?: number },
): Promise<TokenCheck> {
  const tokens = access.get(token.profile)?.tokens;
  if (tokens === undefined) throw new Error(`Profile "${token.profile}" has no access key`);
  return tokens.check(token.value, token.now ?? nowInSeconds());
}

/**
 * A `token` profile's signing key, from the secret its `access_secret_env` names.
 *
 * @param name The profile's name, for the error.
 * @param profile The profile.
 * @throws {ConfigError} The variable is unset or shorter than 32 characters.
 */
export function accessKey(name: string, profile: ProfileConfig): Promise<CryptoKey> {
  const secret = Deno.env.get(profile.access_secret_env) ?? "";
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError("(environment)", [
      `profiles.${name}.access_secret_env: the environment variable ` +
      `${profile.access_secret_env} must hold a secret of at least ${MIN_SECRET_LENGTH} characters`,
    ]);
  }
  return importAccessKey(secret);
}
