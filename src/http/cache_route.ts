import { timingSafeEqual } from "node:crypto";
import { purgeDerivatives } from "../cache/mod.ts";
import { sha256Hex } from "../sources/mod.ts";
import type { AppDeps } from "./app_deps.ts";
import { BEARER_CHALLENGE, bearerToken } from "./bearer_token.ts";
import { jsonResponse } from "./json_response.ts";
import { textResponse } from "./text_response.ts";

/**
 * `DELETE /cache/{identifier}`: removes every cached derivative of an image, as `tessera purge`
 * does (see {@linkcode purgeDerivatives}) but through the running server's cache (its memory layer
 * too), and answers 200 `{"purged": n}`. It needs `Authorization: Bearer <token>`, the token
 * being the value of the environment variable named by `admin_token_env`; a missing or wrong
 * token is a 401. While that variable is unset or empty the route does not exist (404), so a
 * server nobody gave a token exposes no admin surface at all.
 *
 * @example Purge after replacing a file
 * ```ts ignore
 * const response = await cacheRoute(request, deps, { identifier: "samples:map.tif" });
 * assert.deepEqual(await response.json(), { purged: 12 });
 * ```
 *
 * @param request The request (its method and `Authorization` header).
 * @param deps The app's configuration.
 * @param params The percent-decoded identifier.
 * @returns 200 with the count, 401, 404 or 405.
 * @throws {IdentifierNotFoundError} No configured profile can hold the identifier (404).
 * @throws {SharedCacheUnavailableError} The Redis cache cannot be reached (503).
 */
export async function cacheRoute(
  request: Request,
  deps: Pick<AppDeps, "config" | "renderer" | "peers">,
  params: { identifier: string },
): Promise<Response> {
  const token = Deno.env.get(deps.config.admin_token_env);
  if (!token) return textResponse(`No such resource: /cache/${params.identifier}`, { status: 404 });
  if (request.method !== "DELETE") {
    return textResponse(`Method ${request.method} not allowed`, {
      status: 405,
      headers: { allow: "DELETE" },
    });
  }
  if (!hasBearerToken(request, token)) {
    return textResponse("A valid admin token is required: Authorization: Bearer <token>", {
      status: 401,
      headers: { "www-authenticate": BEARER_CHALLENGE },
    });
  }
  const { renderer, peers } = deps;
  // The other listeners' memory layers too, before the answer: none serves the image after it.
  const cache = {
    purge: async (identifier: string) => {
      const purged = await renderer.purge(identifier);
      await peers?.purgeMemory(identifier);
      return purged;
    },
  };
  const purged = await purgeDerivatives(deps.config, params.identifier, { cache });
  return jsonResponse({ purged });
}

/** Compares digests, so the time taken reveals neither the token nor its length. */
function hasBearerToken(request: Request, token: string): boolean {
  const given = bearerToken(request);
  if (given === undefined) return false;
  const ascii = new TextEncoder();
  return timingSafeEqual(ascii.encode(sha256Hex(given)), ascii.encode(sha256Hex(token)));
}
