import type { Config } from "../config/mod.ts";
import { parseIdentifier } from "../sources/mod.ts";
import type { RouteMatch } from "./router.ts";

/**
 * The configured profile a request is for, from its route's identifier, without touching the
 * source: what `/status` counts by and what picks the log level. `undefined` for routes without
 * one identifier (status, originals zip…) and for identifiers no profile serves.
 */
export function requestProfile(found: RouteMatch | undefined, config: Config): string | undefined {
  const identifier = identifierOf(found);
  if (identifier === undefined) return undefined;
  return parseIdentifier(identifier, {
    profiles: profileNames(config),
    defaultProfile: config.default_profile,
  })?.profile;
}

/** The configured profile names, made once per configuration rather than per request. */
const PROFILE_NAMES = new WeakMap<Config, ReadonlySet<string>>();

function profileNames(config: Config): ReadonlySet<string> {
  let names = PROFILE_NAMES.get(config);
  if (names === undefined) {
    names = new Set(Object.keys(config.profiles));
    PROFILE_NAMES.set(config, names);
  }
  return names;
}

function identifierOf(found: RouteMatch | undefined): string | undefined {
  try {
    return found?.params().identifier;
  } catch {
    // A malformed identifier belongs to no profile; the route itself answers why.
    return undefined;
  }
}
