import { ForbiddenSourceError, UpstreamError } from "./errors.ts";
import { cannotFetch, type FetchJob } from "./_fetch_job.ts";
import { ipBytes } from "./_ip_bytes.ts";
import { nonPublicRange } from "./_non_public_range.ts";

/** An address to connect to, as `node:net`'s `lookup` hands it over. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/**
 * The addresses a URL's host stands for: the host itself when it is an IP address, else its A
 * and AAAA records. Unless `allowPrivateNetworks`, every one of them must be public: a name with
 * one private address among public ones is refused, since the connection could go to either.
 *
 * @param url The URL about to be fetched.
 * @param options The download, and whether the profile allows private networks.
 * @returns At least one address; the caller connects to these and nothing else.
 * @throws {ForbiddenSourceError} An address is not public and private networks are not allowed.
 * @throws {UpstreamError} The host name does not resolve.
 */
export async function resolveAddresses(
  url: URL,
  options: { job: FetchJob; allowPrivateNetworks: boolean },
): Promise<ResolvedAddress[]> {
  const addresses = await addressesOf(url, options.job);
  if (options.allowPrivateNetworks) return addresses;
  for (const { address } of addresses) {
    const kind = nonPublicRange(address);
    if (kind === undefined) continue;
    throw new ForbiddenSourceError(
      `Refusing to fetch "${options.job.identifier}" from ${url.host}: ${address} is ${kind}; ` +
        "set allow_private_networks on the profile to allow it",
    );
  }
  return addresses;
}

async function addressesOf(url: URL, job: FetchJob): Promise<ResolvedAddress[]> {
  const { hostname } = url;
  const literal = ipBytes(hostname);
  if (literal !== undefined) {
    // URL hostnames keep IPv6 brackets; connecting wants the bare address.
    const address = literal.length === 4 ? hostname : hostname.slice(1, -1);
    return [{ address, family: literal.length === 4 ? 4 : 6 }];
  }
  const options = { signal: job.signal };
  const [v4, v6] = await Promise.allSettled([
    Deno.resolveDns(hostname, "A", options),
    Deno.resolveDns(hostname, "AAAA", options),
  ]);
  const addresses = [...recordsOf(v4, 4), ...recordsOf(v6, 6)];
  if (addresses.length > 0) return addresses;
  throw new UpstreamError(cannotFetch(job, url, "the host name does not resolve"), {
    cause: v4.status === "rejected" ? v4.reason : undefined,
  });
}

function recordsOf(answer: PromiseSettledResult<string[]>, family: 4 | 6): ResolvedAddress[] {
  return answer.status === "fulfilled" ? answer.value.map((address) => ({ address, family })) : [];
}
