/** The JSON-LD context of the IIIF Authorization Flow API 2.0. */
export const AUTH_CONTEXT = "http://iiif.io/api/auth/2/context.json";

/** A IIIF language map: `{ "en": ["text"] }`. */
export type LanguageMap = Readonly<Record<string, readonly string[]>>;

/** The URLs of one image's authorization services. */
export interface AuthServiceUrls {
  /** The image's probe service, `…/{identifier}/probe`. */
  readonly probe: string;
  /** Where the user gets the cookie: the institution's login page or Tessera's own form. */
  readonly access: string;
  /** The access token service, opened in a frame with `messageId` and `origin`. */
  readonly token: string;
  /** The logout service, which clears the cookie. */
  readonly logout: string;
}

/** The texts a client shows for the access service. */
export interface AccessServiceTexts {
  /** The label of the login button. */
  readonly label: string;
}

/** The probe service block of an image service's `service`, with its nested services. */
export interface AuthProbeService2 {
  readonly id: string;
  readonly type: "AuthProbeService2";
  readonly service: readonly [{
    readonly id: string;
    readonly type: "AuthAccessService2";
    readonly profile: "active";
    readonly label: LanguageMap;
    readonly service: readonly [
      { readonly id: string; readonly type: "AuthAccessTokenService2" },
      { readonly id: string; readonly type: "AuthLogoutService2"; readonly label: LanguageMap },
    ];
  }];
}

/**
 * The probe service of an image, for info.json's `service`: an `active` access service (a
 * window the user logs in through) with its access token and logout services.
 *
 * @example Usage
 * ```ts
 * import { authProbeService } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const block = authProbeService(
 *   { probe: "p", access: "a", token: "t", logout: "l" },
 *   { label: "Log in" },
 * );
 * assert.equal(block.service[0].service[0].type, "AuthAccessTokenService2");
 * ```
 *
 * @param urls The services' URLs.
 * @param texts What the client shows.
 */
export function authProbeService(
  urls: AuthServiceUrls,
  texts: AccessServiceTexts,
): AuthProbeService2 {
  return {
    id: urls.probe,
    type: "AuthProbeService2",
    service: [{
      id: urls.access,
      type: "AuthAccessService2",
      profile: "active",
      label: english(texts.label),
      service: [
        { id: urls.token, type: "AuthAccessTokenService2" },
        { id: urls.logout, type: "AuthLogoutService2", label: english("Log out") },
      ],
    }],
  };
}

/** A probe service's answer. */
export interface AuthProbeResult2 {
  readonly "@context": typeof AUTH_CONTEXT;
  readonly type: "AuthProbeResult2";
  readonly status: 200 | 401 | 403;
  readonly heading?: LanguageMap;
  readonly note?: LanguageMap;
  readonly substitute?: readonly { readonly id: string; readonly type: "Image" }[];
}

/**
 * The probe's answer: the status image requests would get, and for a refusal a heading, a note,
 * and the size-capped image that is served instead, when there is one.
 *
 * @example Usage
 * ```ts
 * import { authProbeResult } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(authProbeResult({ status: 200 }), {
 *   "@context": "http://iiif.io/api/auth/2/context.json",
 *   type: "AuthProbeResult2",
 *   status: 200,
 * });
 * ```
 *
 * @param outcome The status, for a refusal why, and the substitute image's URL if any.
 */
export function authProbeResult(
  outcome: { readonly status: 200 | 401 | 403; readonly reason?: string; substitute?: string },
): AuthProbeResult2 {
  const result = { "@context": AUTH_CONTEXT, type: "AuthProbeResult2", status: outcome.status };
  if (outcome.status === 200) return result as AuthProbeResult2;
  return {
    ...result,
    heading: english(outcome.status === 401 ? "Login required" : "Access denied"),
    note: english(outcome.reason ?? "You may not see this image"),
    ...(outcome.substitute ? { substitute: [{ id: outcome.substitute, type: "Image" }] } : {}),
  } as AuthProbeResult2;
}

/** The message an access token service posts to the client window. */
export type AccessTokenMessage =
  | {
    readonly "@context": typeof AUTH_CONTEXT;
    readonly type: "AuthAccessToken2";
    readonly accessToken: string;
    readonly expiresIn: number;
    readonly messageId: string;
  }
  | {
    readonly "@context": typeof AUTH_CONTEXT;
    readonly type: "AuthAccessTokenError2";
    readonly profile:
      | "invalidRequest"
      | "invalidOrigin"
      | "missingAspect"
      | "expiredAspect"
      | "invalidAspect";
    readonly note: LanguageMap;
    readonly messageId: string;
  };

function english(text: string): LanguageMap {
  return { en: [text] };
}
