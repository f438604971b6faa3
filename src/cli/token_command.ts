import { nowInSeconds, signAccessToken } from "../access/mod.ts";
import { accessKey } from "../http/mod.ts";
import { type Config, ConfigError } from "../config/mod.ts";

/** What `tessera token` signs. */
export interface TokenOptions {
  readonly profile: string;
  /** A name within the profile, or a folder ending in `/`; absent for every image. */
  readonly identifier?: string;
  /** Seconds the token is valid. */
  readonly ttlSeconds: number;
}

/**
 * `tessera token <profile> [--identifier NAME] [--ttl SECONDS]`: prints a token for a `token`
 * profile, signed with its secret, for scripts and for institutions that issue tokens from
 * their own systems (their login page then sends the browser to `/auth/{profile}/cookie?token=…`).
 *
 * @example Issue a one-hour token for one image
 * ```ts ignore
 * await tokenCommand(config, { profile: "scans", identifier: "a.tif", ttlSeconds: 3600 });
 * ```
 *
 * @param config The validated configuration.
 * @param options The profile, the optional scope and the lifetime.
 * @throws {ConfigError} The profile does not exist, is not a `token` profile, or its secret is
 * unset or too short.
 */
export async function tokenCommand(config: Config, options: TokenOptions): Promise<void> {
  const { profile: name, identifier, ttlSeconds } = options;
  const profile = Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined;
  if (profile?.access !== "token") {
    const problem = profile === undefined
      ? `profiles.${name}: expected a profile to sign a token for`
      : `profiles.${name}.access: expected "token" to sign a token for it`;
    throw new ConfigError("(command line)", [problem]);
  }
  const token = await signAccessToken(await accessKey(name, profile), {
    profile: name,
    expires: nowInSeconds() + ttlSeconds,
    ...(identifier === undefined ? {} : { scope: identifier }),
  });
  console.log(token);
}
