import { authProbeResult } from "../access/mod.ts";
import type { IiifVersion } from "../iiif/mod.ts";
import { CREDENTIAL_HEADERS, imageAccess } from "./access_check.ts";
import type { AppDeps } from "./app_deps.ts";
import { jsonResponse } from "./json_response.ts";
import { serviceId } from "./service_id.ts";

/**
 * `GET {prefix}/{identifier}/probe`: the IIIF Authorization Flow 2.0 probe service. It always
 * answers 200 with an `AuthProbeResult2` whose `status` is what an image request with the same
 * credentials (`Authorization: Bearer`, as clients send the access token) would get: 200, 401
 * or 403, with the size-capped image as `substitute` when the profile serves one.
 *
 * @throws {IdentifierNotFoundError} No profile has that image.
 */
export async function probeRoute(
  request: Request,
  deps: AppDeps,
  params: { version: IiifVersion; identifier: string },
): Promise<Response> {
  const source = await deps.sources.resolve(params.identifier);
  const { verdict, cap } = await imageAccess(request, deps, source);
  const id = serviceId(request, { baseUrl: deps.config.base_url, ...params });
  const result = verdict.granted ? authProbeResult({ status: 200 }) : authProbeResult({
    status: verdict.status,
    reason: verdict.status === 401
      ? `Log in to see this image (${verdict.reason})`
      : `This image is not available to you (${verdict.reason})`,
    ...(cap === null ? {} : { substitute: `${id}/full/!${cap},${cap}/0/default.jpg` }),
  });
  const response = jsonResponse(result);
  response.headers.set("content-type", "application/ld+json");
  response.headers.set("vary", CREDENTIAL_HEADERS);
  return response;
}
