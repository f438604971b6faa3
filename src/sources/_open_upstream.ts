import { ForbiddenSourceError, UpstreamError } from "./errors.ts";
import { cannotFetch, type FetchJob } from "./_fetch_job.ts";
import { httpGet, type UpstreamResponse } from "./_http_get.ts";
import { resolveAddresses } from "./_resolve_addresses.ts";

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** What a profile allows a download to do. */
export interface UpstreamPolicy {
  readonly maxRedirects: number;
  readonly allowPrivateNetworks: boolean;
  /** Whether a redirect may lead to `url` (a `trusted_web` profile checks its `regex`). */
  mayFollow(url: URL): boolean;
}

/**
 * GETs `url`, following redirects one hop at a time: every hop's host is resolved and checked
 * against private networks before anything is sent to it, and every target must satisfy
 * `policy.mayFollow`.
 *
 * @param url The first URL, already accepted by the profile.
 * @param options The profile's policy and the download.
 * @returns The first answer that is not a redirect, with the URL that gave it.
 * @throws {ForbiddenSourceError} A hop leads to a non-public address, or a redirect to a URL the
 *   policy refuses.
 * @throws {UpstreamError} A connection failed, a host did not resolve, or there were more than
 *   `maxRedirects` redirects or one to a URL that is no http(s) URL.
 */
export async function openUpstream(
  url: URL,
  options: { policy: UpstreamPolicy; job: FetchJob },
): Promise<{ response: UpstreamResponse; url: URL }> {
  const { policy, job } = options;
  for (let redirects = 0;; redirects++) {
    const addresses = await resolveAddresses(url, {
      job,
      allowPrivateNetworks: policy.allowPrivateNetworks,
    });
    const response = await httpGet(url, { addresses, job });
    if (!REDIRECT_STATUSES.has(response.status) || response.location === undefined) {
      return { response, url };
    }
    response.discard();
    if (redirects === policy.maxRedirects) {
      throw new UpstreamError(
        cannotFetch(job, url, `more than max_redirects (${policy.maxRedirects}) redirects`),
      );
    }
    url = redirectTarget(url, response.location, options);
  }
}

function redirectTarget(
  from: URL,
  location: string,
  options: { policy: UpstreamPolicy; job: FetchJob },
): URL {
  const target = URL.parse(location, from);
  if (target === null || (target.protocol !== "http:" && target.protocol !== "https:")) {
    const reason = `it redirects to "${location}", which is no http(s) URL`;
    throw new UpstreamError(cannotFetch(options.job, from, reason));
  }
  if (!options.policy.mayFollow(target)) {
    throw new ForbiddenSourceError(
      `Refusing to fetch "${options.job.identifier}" from ${from.host}: it redirects to ` +
        `${target.host}, outside the URLs the profile allows`,
    );
  }
  return target;
}
