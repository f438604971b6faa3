import { nowInSeconds, REJECTION_REASONS } from "../access/mod.ts";
import type { ProfileConfig } from "../config/mod.ts";
import { accessCookieName } from "./access_check.ts";
import type { AppDeps } from "./app_deps.ts";
import { authPage } from "./auth_page.ts";
import { escapeHtml } from "./escape_html.ts";
import { checkProfileToken } from "./profile_access.ts";
import { requestOrigin } from "./service_id.ts";
import { textResponse } from "./text_response.ts";

/**
 * `GET /auth/{profile}/cookie`: Tessera's own IIIF access service (profile `active`), and where
 * an institution's login page sends the browser once the user is known. Without `token` it shows
 * a form to paste a token into; with a valid `token` it sets the profile's login cookie (HttpOnly,
 * `Secure; SameSite=None` over https so viewers on other sites send it, expiring with the token)
 * and tells the user to close the window, which the IIIF client waits for. It never redirects,
 * so it cannot be made an open redirect.
 *
 * @param params The profile's name.
 */
export async function accessServiceRoute(
  request: Request,
  deps: AppDeps,
  params: { readonly profile: string },
): Promise<Response> {
  const profile = tokenProfile(deps, params.profile);
  if (profile === undefined) return noSuchService(params.profile);
  const token = new URL(request.url).searchParams.get("token");
  if (token === null) {
    return authPage({ title: profile.access_label, body: tokenForm(profile.access_label) });
  }
  const now = nowInSeconds();
  const check = await checkProfileToken(deps.profileAccess, {
    profile: params.profile,
    value: token,
    now,
  });
  if (!check.valid || check.claims.profile !== params.profile) {
    const reason = check.valid ? "it is for another collection" : REJECTION_REASONS[check.reason];
    return authPage(
      { title: "Token refused", body: `<p>The token was not accepted: ${reason}.</p>` },
      { status: 401 },
    );
  }
  const cookie = loginCookie(request, deps, {
    profile: params.profile,
    value: token,
    maxAge: check.claims.expires - now,
  });
  return authPage({
    title: "Logged in",
    body: "<p>You are logged in. You may close this window.</p>",
    script: "window.close();",
  }, { headers: { "set-cookie": cookie } });
}

/**
 * `GET /auth/{profile}/logout`: the IIIF logout service; clears the profile's login cookie.
 *
 * @param params The profile's name.
 */
export function logoutRoute(
  request: Request,
  deps: AppDeps,
  params: { readonly profile: string },
): Response {
  if (tokenProfile(deps, params.profile) === undefined) return noSuchService(params.profile);
  const cookie = loginCookie(request, deps, { profile: params.profile, value: "", maxAge: 0 });
  return authPage(
    { title: "Logged out", body: "<p>You are logged out. You may close this window.</p>" },
    { headers: { "set-cookie": cookie } },
  );
}

/**
 * The profile, when it exists and is protected by tokens.
 *
 * @param deps The app's configuration.
 * @param name The profile's name from the path.
 */
export function tokenProfile(deps: AppDeps, name: string): ProfileConfig | undefined {
  const profile = Object.hasOwn(deps.config.profiles, name)
    ? deps.config.profiles[name]
    : undefined;
  return profile?.access === "token" ? profile : undefined;
}

/**
 * The 404 of an auth path whose profile is missing or not a `token` profile.
 *
 * @param profile The profile's name from the path.
 */
export function noSuchService(profile: string): Response {
  return textResponse(`No login service for profile "${profile}"`, { status: 404 });
}

function loginCookie(
  request: Request,
  deps: AppDeps,
  cookie: { readonly profile: string; readonly value: string; readonly maxAge: number },
): string {
  // Browsers drop `SameSite=None` cookies without `Secure`, and plain http cannot be `Secure`.
  const https = requestOrigin(request, deps.config.base_url).startsWith("https:");
  return [
    `${accessCookieName(cookie.profile)}=${cookie.value}`,
    "Path=/",
    `Max-Age=${cookie.maxAge}`,
    "HttpOnly",
    ...(https ? ["Secure", "SameSite=None"] : ["SameSite=Lax"]),
  ].join("; ");
}

function tokenForm(label: string): string {
  return `<h1>${escapeHtml(label)}</h1><form method="get"><label>Access token ` +
    `<input name="token" autocomplete="off" required></label> <button>Log in</button></form>`;
}
