import type { AppSources } from "./app_deps.ts";
import type { RouteMatch } from "./router.ts";

/**
 * The configured profile a request is for, from its route's identifier, without touching the
 * source: what `/status` counts by and what picks the log level. `undefined` for routes without
 * one identifier (status, originals zip…) and for identifiers no profile serves.
 */
export function requestProfile(
  found: RouteMatch | undefined,
  sources: Pick<AppSources, "identify">,
): string | undefined {
  const identifier = identifierOf(found);
  return identifier === undefined ? undefined : sources.identify(identifier)?.profile;
}

function identifierOf(found: RouteMatch | undefined): string | undefined {
  try {
    return found?.params().identifier;
  } catch {
    // A malformed identifier belongs to no profile; the route itself answers why.
    return undefined;
  }
}
