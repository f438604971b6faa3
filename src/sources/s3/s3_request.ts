import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import {
  resolveAddresses,
  type ResolvedAddress,
  UpstreamError,
  UpstreamTimeoutError,
} from "../mod.ts";
import { objectUrl } from "./_object_url.ts";
import { credentialsFromEnv } from "./_s3_credentials.ts";
import type { S3Bucket } from "./s3_object.ts";
import { EMPTY_PAYLOAD_SHA256, signRequest } from "./sign_request.ts";

/** One bodiless request to a bucket. */
export interface S3Request {
  readonly method: "GET" | "HEAD";
  /** The object key, unencoded; `""` for the bucket itself (listing). */
  readonly key: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Headers to send (and sign) besides those the signature adds, names in lower case. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** S3's answer, its body read whole. */
export interface S3Answer {
  readonly status: number;
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
}

/**
 * Sends one signed request to a bucket and reads the answer. Like a `web` profile's downloads,
 * it connects only to addresses checked against private networks (unless the bucket allows
 * them), never to what the host name resolves to afterwards. Credentials are read from the
 * environment of the calling thread; without any the request goes unsigned.
 *
 * @param bucket Where to send it.
 * @param request The method, key, query and extra headers.
 * @param options `identifier`: what is being read, for messages (`<profile>:<name>`).
 * @returns The status, headers and body, whatever the status.
 * @throws {ForbiddenSourceError} The endpoint resolves to a non-public address and the bucket
 *   does not allow private networks.
 * @throws {UpstreamError} The host name does not resolve or the connection failed.
 * @throws {UpstreamTimeoutError} No complete answer within the bucket's `timeoutMs`.
 * @throws {TypeError} Only one of the key id and the secret is set in the environment.
 */
export async function sendS3Request(
  bucket: S3Bucket,
  request: S3Request,
  options: { identifier: string },
): Promise<S3Answer> {
  const url = objectUrl(bucket, request);
  const signal = AbortSignal.timeout(bucket.timeoutMs);
  const job = { identifier: options.identifier, signal };
  const addresses = await resolveAddresses(url, {
    job,
    allowPrivateNetworks: bucket.allowPrivateNetworks,
  });
  const headers = await headersFor(bucket, request, url);
  try {
    return await exchange(url, { method: request.method, headers, addresses, signal });
  } catch (error) {
    const reason = signal.aborted
      ? `S3 did not answer within timeout_ms (${bucket.timeoutMs} ms)`
      : `the connection failed (${(error as { code?: string }).code ?? String(error)})`;
    const message = `Cannot read "${options.identifier}" from ${url.host}: ${reason}`;
    throw signal.aborted
      ? new UpstreamTimeoutError(message, { cause: error })
      : new UpstreamError(message, { cause: error });
  }
}

async function headersFor(
  bucket: S3Bucket,
  request: S3Request,
  url: URL,
): Promise<Record<string, string>> {
  const headers = { ...request.headers };
  const credentials = credentialsFromEnv(bucket.credentialVariables);
  if (credentials === undefined) return headers;
  return await signRequest(
    { method: request.method, url, headers, payloadHash: EMPTY_PAYLOAD_SHA256 },
    { credentials, region: bucket.region, date: new Date() },
  );
}

/** One HTTP exchange over a fresh connection to one of `addresses`. */
function exchange(
  url: URL,
  options: {
    method: string;
    headers: Record<string, string>;
    addresses: readonly ResolvedAddress[];
    signal: AbortSignal;
  },
): Promise<S3Answer> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: options.method,
      headers: options.headers,
      // A fresh connection each time: a pooled one would skip `lookup`.
      agent: false,
      lookup: pinnedLookup(options.addresses),
      signal: options.signal,
    }, (response) => {
      const chunks: Uint8Array[] = [];
      response.on("data", (chunk: Uint8Array) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: headerRecord(response.headers),
          body: concat(chunks),
        }));
    });
    request.on("error", reject);
    request.end();
  });
}

/** A `lookup` that answers with the checked addresses instead of asking DNS again. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [...addresses]);
    else callback(null, addresses[0].address, addresses[0].family);
  };
}

function headerRecord(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
  );
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
