import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { UpstreamError } from "./errors.ts";
import { cannotFetch, type FetchJob } from "./_fetch_job.ts";
import type { ResolvedAddress } from "./_resolve_addresses.ts";

const USER_AGENT = "Tessera IIIF image server";
/** What Node's HTTP client reports as `code`, in words an operator reads in a message. */
const NETWORK_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: "the connection was refused",
  ECONNRESET: "the connection was closed before the whole image arrived",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
};

/** The head of an upstream answer, with its body still to be read. */
export interface UpstreamResponse {
  readonly status: number;
  /** The `Location` header, for redirects. */
  readonly location: string | undefined;
  /** The `Content-Length` header, when there is one. */
  readonly contentLength: number | undefined;
  /**
   * The body, to be iterated once. A broken connection ends it with an {@linkcode UpstreamError};
   * leaving the loop early (`break`, `throw`) closes the connection.
   */
  readonly body: AsyncIterable<Uint8Array>;
  /** Closes the connection without reading the body. */
  discard(): void;
}

/**
 * Sends one GET for `url` over a connection to one of `addresses`, which the caller checked,
 * never to whatever the host name resolves to by then: a DNS answer that changes between the
 * check and the connection (DNS rebinding) cannot send the request elsewhere. TLS still checks
 * the certificate against the URL's host name. Redirects are returned, not followed; the body
 * arrives as sent (no `Accept-Encoding`, so no decompression).
 *
 * `node:https` is used rather than `fetch` because only it lets the caller choose the address
 * while keeping the host name for TLS; Deno's `fetch` can be pointed at an address
 * (`createHttpClient` with a TCP proxy) but then speaks plain HTTP even to `https:` URLs.
 *
 * @param url An http or https URL.
 * @param options The addresses to connect to, and the download (its signal aborts the request).
 * @returns The status and headers; the body is not read yet.
 * @throws {UpstreamError} The connection failed.
 */
export function httpGet(
  url: URL,
  options: { addresses: readonly ResolvedAddress[]; job: FetchJob },
): Promise<UpstreamResponse> {
  const { job } = options;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, {
      // A fresh connection each time: a pooled one would skip `lookup`.
      agent: false,
      lookup: pinnedLookup(options.addresses),
      signal: job.signal,
      headers: { "user-agent": USER_AGENT, accept: "image/*, */*;q=0.5" },
    }, (response) => resolve(upstreamResponse(response, url, job)));
    request.on("error", (error) => reject(networkError(error, url, job)));
  });
}

/** A `lookup` that answers with the checked addresses instead of asking DNS again. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [...addresses]);
    else callback(null, addresses[0].address, addresses[0].family);
  };
}

function upstreamResponse(
  response: http.IncomingMessage,
  url: URL,
  job: FetchJob,
): UpstreamResponse {
  const length = response.headers["content-length"];
  return {
    status: response.statusCode ?? 0,
    location: response.headers.location,
    contentLength: length === undefined ? undefined : Number(length),
    body: bodyOf(response, url, job),
    discard: () => response.destroy(),
  };
}

async function* bodyOf(
  response: http.IncomingMessage,
  url: URL,
  job: FetchJob,
): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of response) yield chunk;
  } catch (error) {
    throw networkError(error, url, job);
  } finally {
    response.destroy();
  }
}

function networkError(error: unknown, url: URL, job: FetchJob): UpstreamError {
  const code = (error as { code?: unknown }).code;
  const reason = typeof code === "string" && NETWORK_ERRORS[code] ||
    `the connection failed (${(error as Error).message})`;
  return new UpstreamError(cannotFetch(job, url, reason), { cause: error });
}
