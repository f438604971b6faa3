import { type AccessTokenMessage, AUTH_CONTEXT, nowInSeconds } from "../access/mod.ts";
import type { ProfileConfig } from "../config/mod.ts";
import { cookieToken } from "./access_check.ts";
import type { AppDeps } from "./app_deps.ts";
import { authPage, scriptJson } from "./auth_page.ts";
import { noSuchService, tokenProfile } from "./auth_cookie_route.ts";
import { checkProfileToken } from "./profile_access.ts";

/** Where a message goes and what it says. */
interface Delivery {
  readonly message: AccessTokenMessage;
  /** The client's origin, or `*` for an error that names no origin we may trust. */
  readonly targetOrigin: string;
}

type ErrorProfile = Extract<AccessTokenMessage, { type: "AuthAccessTokenError2" }>["profile"];

/**
 * `GET /auth/{profile}/token?messageId=…&origin=…`: the IIIF access token service. The client
 * opens it in a frame; the page posts to the client's origin an `AuthAccessToken2` message
 * holding the token of the profile's login cookie (so the client can send it to the probe as
 * `Authorization: Bearer`), or an `AuthAccessTokenError2`. With `access_origins` set, only
 * those origins receive tokens. Errors, which hold nothing secret, are posted to any origin.
 *
 * @param params The profile's name.
 */
export async function accessTokenRoute(
  request: Request,
  deps: AppDeps,
  params: { readonly profile: string },
): Promise<Response> {
  const profile = tokenProfile(deps, params.profile);
  if (profile === undefined) return noSuchService(params.profile);
  const { message, targetOrigin } = await delivery(request, deps, {
    name: params.profile,
    profile,
  });
  const script = `window.parent.postMessage(${scriptJson(message)}, ${scriptJson(targetOrigin)});`;
  return authPage({ title: "Access token", body: "", script });
}

async function delivery(
  request: Request,
  deps: AppDeps,
  options: { readonly name: string; readonly profile: ProfileConfig },
): Promise<Delivery> {
  const { name: profileName, profile } = options;
  const query = new URL(request.url).searchParams;
  const messageId = query.get("messageId") ?? "";
  const origin = query.get("origin") ?? "";
  const fail = (kind: ErrorProfile, note: string, targetOrigin = origin): Delivery => ({
    message: {
      "@context": AUTH_CONTEXT,
      type: "AuthAccessTokenError2",
      profile: kind,
      note: { en: [note] },
      messageId,
    },
    targetOrigin,
  });
  if (messageId === "" || URL.parse(origin)?.origin !== origin) {
    return fail("invalidRequest", "messageId and origin are required", "*");
  }
  if (profile.access_origins.length > 0 && !profile.access_origins.includes(origin)) {
    return fail("invalidOrigin", `${origin} may not receive access tokens`, "*");
  }
  const token = cookieToken(request, profileName);
  if (token === undefined) return fail("missingAspect", "You are not logged in");
  const now = nowInSeconds();
  const check = await checkProfileToken(deps.profileAccess, {
    profile: profileName,
    value: token,
    now,
  });
  if (!check.valid) {
    return check.reason === "expired"
      ? fail("expiredAspect", "Your login has expired")
      : fail("invalidAspect", "Your login is not valid here");
  }
  // A cookie the client set itself may hold another profile's token: never hand that one out.
  if (check.claims.profile !== profileName) {
    return fail("invalidAspect", "Your login is for another collection");
  }
  const accessToken: AccessTokenMessage = {
    "@context": AUTH_CONTEXT,
    type: "AuthAccessToken2",
    accessToken: token,
    expiresIn: check.claims.expires - now,
    messageId,
  };
  return { message: accessToken, targetOrigin: origin };
}
