import type { AuthServiceUrls } from "../access/mod.ts";
import type { Config, ProfileConfig } from "../config/mod.ts";
import type { IiifVersion } from "../iiif/mod.ts";
import { requestOrigin, serviceId } from "./service_id.ts";

/** The path of a profile's access service (Tessera's own), token service and logout service. */
export const AUTH_PATHS = {
  access: (profile: string) => `/auth/${profile}/cookie`,
  token: (profile: string) => `/auth/${profile}/token`,
  logout: (profile: string) => `/auth/${profile}/logout`,
} as const;

/**
 * The URLs of an image's authorization services, under this server's public origin: its probe
 * next to its info.json, and its profile's access (the configured login page, if any), token and
 * logout services.
 *
 * @param request The request, for the public origin when `base_url` is unset.
 * @param options The configuration, the image's version and identifier, and its profile.
 */
export function authServiceUrls(
  request: Request,
  options: {
    readonly config: Config;
    readonly version: IiifVersion;
    readonly identifier: string;
    readonly profileName: string;
    readonly profile: ProfileConfig;
  },
): AuthServiceUrls {
  const { config, profileName, profile } = options;
  const origin = requestOrigin(request, config.base_url);
  const id = serviceId(request, { baseUrl: config.base_url, ...options });
  return {
    probe: `${id}/probe`,
    access: profile.access_service_url ?? `${origin}${AUTH_PATHS.access(profileName)}`,
    token: `${origin}${AUTH_PATHS.token(profileName)}`,
    logout: `${origin}${AUTH_PATHS.logout(profileName)}`,
  };
}
