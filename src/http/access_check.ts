import {
  AccessDeniedError,
  type AccessVerdict,
  AuthorizationRequiredError,
  decideAccess,
  ipRangesContain,
  type TokenCheck,
} from "../access/mod.ts";
import type { ResolvedSource } from "../sources/mod.ts";
import type { AppDeps } from "./app_deps.ts";
import { bearerToken } from "./bearer_token.ts";
import { clientAddress } from "./client_address.ts";
import { checkProfileToken } from "./profile_access.ts";

/** What the access check needs of the app: `client_ip_header` and the profiles' keys and ranges. */
type AccessDeps = Pick<AppDeps, "config" | "profileAccess">;

/** What a request may see of one image. */
export interface ImageAccess {
  readonly verdict: AccessVerdict;
  /**
   * For a refused request on a profile with `access_max_unauthorized_size`: the longest side of
   * the image it may see instead; else `null`.
   */
  readonly cap: number | null;
  /** Whether answers depend on the request's credentials, so no shared cache may keep them. */
  readonly personal: boolean;
}

/** The request headers credential-dependent answers vary on. */
export const CREDENTIAL_HEADERS = "Authorization, Cookie";

/**
 * The name of the cookie holding a profile's token: per profile, so logging in to one profile
 * leaves another's cookie alone.
 *
 * @param profile The profile's name.
 */
export function accessCookieName(profile: string): string {
  return `tessera_${profile}`;
}

/**
 * Decides what a request may see of an image: in full, size-capped, or nothing.
 *
 * @param request The request (its `Authorization`, `Cookie` and address).
 * @param deps The configuration and the profiles' access rules.
 * @param source The resolved image.
 */
export async function imageAccess(
  request: Request,
  deps: AccessDeps,
  source: ResolvedSource,
): Promise<ImageAccess> {
  const { ref, profile } = source;
  if (profile.access === "public") {
    return { verdict: { granted: true }, cap: null, personal: false };
  }
  const allowed = addressAllowed(request, deps, ref.profile);
  const verdict = decideAccess({
    mode: profile.access,
    profile: ref.profile,
    name: ref.name,
    addressAllowed: allowed,
    // An allowed address gets in whatever the token says: no need to verify one.
    token: allowed ? undefined : await checkedToken(request, deps, source),
  });
  const cap = verdict.granted ? null : profile.access_max_unauthorized_size;
  return { verdict, cap, personal: true };
}

/**
 * The one access check of routes that serve an image or its data: refuses a request that may
 * see nothing of it, and returns what it may see otherwise.
 *
 * @param request The request.
 * @param deps The configuration and the profiles' access rules.
 * @param source The resolved image.
 * @throws {AuthorizationRequiredError} A token is needed (401).
 * @throws {AccessDeniedError} The address or the token's scope does not allow it (403).
 */
export async function checkAccess(
  request: Request,
  deps: AccessDeps,
  source: ResolvedSource,
): Promise<ImageAccess> {
  const access = await imageAccess(request, deps, source);
  if (!access.verdict.granted && access.cap === null) throw refusal(access.verdict, source);
  return access;
}

/**
 * The error a refused request gets.
 *
 * @param verdict A refusal.
 * @param source The image it was refused.
 */
export function refusal(
  verdict: AccessVerdict,
  source: ResolvedSource,
): AuthorizationRequiredError | AccessDeniedError {
  const reason = verdict.granted ? "" : verdict.reason;
  const message = `Cannot serve "${source.ref.profile}:${source.ref.name}": ${reason}`;
  return !verdict.granted && verdict.status === 403
    ? new AccessDeniedError(message)
    : new AuthorizationRequiredError(message);
}

/**
 * Marks an answer that depends on credentials: `Vary` on them, and (through `Freshness`)
 * `Cache-Control: private`.
 *
 * @param headers The answer's headers.
 * @param access What the request may see.
 */
export function varyOnCredentials(headers: Headers, access: ImageAccess): void {
  if (access.personal) headers.append("vary", CREDENTIAL_HEADERS);
}

/** The token a request carries: `Authorization: Bearer` first, else the profile's cookie. */
function requestToken(request: Request, profileName: string): string | undefined {
  return bearerToken(request) ?? cookieToken(request, profileName);
}

/**
 * The token in a profile's login cookie, if the request carries one.
 *
 * @param request The request.
 * @param profileName The profile whose cookie to read.
 */
export function cookieToken(request: Request, profileName: string): string | undefined {
  const name = accessCookieName(profileName);
  for (const pair of request.headers.get("cookie")?.split(";") ?? []) {
    const [key, ...value] = pair.split("=");
    if (key.trim() === name) return value.join("=").trim();
  }
  return undefined;
}

async function checkedToken(
  request: Request,
  deps: AccessDeps,
  source: ResolvedSource,
): Promise<TokenCheck | undefined> {
  if (source.profile.access !== "token") return undefined;
  const value = requestToken(request, source.ref.profile);
  if (value === undefined) return undefined;
  return await checkProfileToken(deps.profileAccess, { profile: source.ref.profile, value });
}

function addressAllowed(request: Request, deps: AccessDeps, profileName: string): boolean {
  const ranges = deps.profileAccess.get(profileName)?.allowIps ?? [];
  if (ranges.length === 0) return false;
  const address = clientAddress(request, deps.config.client_ip_header);
  return address !== undefined && ipRangesContain(ranges, address);
}
