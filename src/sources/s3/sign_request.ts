import { uriEncode } from "./_uri_encode.ts";

/** The SHA-256 of an empty body, in hex: the payload hash of every GET and HEAD. */
export const EMPTY_PAYLOAD_SHA256 =
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const ALGORITHM = "AWS4-HMAC-SHA256";
const UTF8 = new TextEncoder();

/** An access key, as AWS issues them; `sessionToken` only for temporary credentials. */
export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** A request about to be signed. */
export interface SignableRequest {
  readonly method: string;
  /** Its path must already be encoded as S3 wants it (see `uriEncode`); it is signed as it is. */
  readonly url: URL;
  /** Headers to send and sign besides those the signature adds; any case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body's SHA-256 in hex, {@linkcode EMPTY_PAYLOAD_SHA256} for none. */
  readonly payloadHash: string;
}

/** Who signs, for which region, and when. */
export interface SigningOptions {
  readonly credentials: S3Credentials;
  readonly region: string;
  /** The request time; S3 refuses requests more than 15 minutes off its clock. */
  readonly date: Date;
  /** `s3` unless told otherwise. */
  readonly service?: string;
}

/**
 * Signs a request with AWS Signature Version 4 (header form): adds `host`, `x-amz-date`,
 * `x-amz-content-sha256`, `x-amz-security-token` (for temporary credentials) and
 * `authorization`, and signs every header sent. Written against the S3 API reference
 * ("Signature Calculations for the Authorization Header"), with `crypto.subtle` only.
 *
 * @example The "GET Object" example of the S3 API reference
 * ```ts
 * import { EMPTY_PAYLOAD_SHA256, signRequest } from "./sign_request.ts";
 * import assert from "node:assert/strict";
 *
 * const headers = await signRequest({
 *   method: "GET",
 *   url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
 *   headers: { range: "bytes=0-9" },
 *   payloadHash: EMPTY_PAYLOAD_SHA256,
 * }, {
 *   credentials: {
 *     accessKeyId: "AKIAIOSFODNN7EXAMPLE",
 *     secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
 *   },
 *   region: "us-east-1",
 *   date: new Date("2013-05-24T00:00:00Z"),
 * });
 * assert.match(headers.authorization, /Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f01/);
 * ```
 *
 * @param request The method, URL, headers and payload hash.
 * @param options The credentials, region and time.
 * @returns Every header to send, names in lower case, `authorization` included.
 */
export async function signRequest(
  request: SignableRequest,
  options: SigningOptions,
): Promise<Record<string, string>> {
  const { credentials, region, date, service = "s3" } = options;
  const timestamp = date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const headers: Record<string, string> = {
    host: request.url.host,
    "x-amz-content-sha256": request.payloadHash,
    "x-amz-date": timestamp,
  };
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  if (credentials.sessionToken) headers["x-amz-security-token"] = credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const scope = `${timestamp.slice(0, 8)}/${region}/${service}/aws4_request`;
  const canonical = canonicalRequest(request, { headers, names });
  const stringToSign = [ALGORITHM, timestamp, scope, await sha256Hex(canonical)].join("\n");
  const key = await signingKey(credentials.secretAccessKey, scope.split("/"));
  const signature = toHex(await hmac(key, stringToSign));
  headers.authorization = `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope},` +
    `SignedHeaders=${names.join(";")},Signature=${signature}`;
  return headers;
}

function canonicalRequest(
  request: SignableRequest,
  signed: { headers: Record<string, string>; names: string[] },
): string {
  const headerLines = signed.names.map((name) =>
    `${name}:${signed.headers[name].trim().replace(/\s+/g, " ")}\n`
  );
  return [
    request.method,
    request.url.pathname,
    canonicalQuery(request.url.searchParams),
    headerLines.join(""),
    signed.names.join(";"),
    request.payloadHash,
  ].join("\n");
}

/** Parameters encoded one by one and sorted by name, then value; `a` becomes `a=`. */
function canonicalQuery(params: URLSearchParams): string {
  const encode = (text: string) => uriEncode(text, { keepSlash: false });
  return [...params]
    .map(([name, value]) => [encode(name), encode(value)])
    .sort(([a, x], [b, y]) => a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0)
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** HMAC chain of the secret over date, region, service and `aws4_request`. */
async function signingKey(secret: string, scope: string[]): Promise<ArrayBuffer> {
  let key: ArrayBuffer = UTF8.encode(`AWS4${secret}`).buffer as ArrayBuffer;
  for (const part of scope) key = await hmac(key, part);
  return key;
}

async function hmac(key: ArrayBuffer, text: string): Promise<ArrayBuffer> {
  const imported = await crypto.subtle.importKey(
    "raw",
    key,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return await crypto.subtle.sign("HMAC", imported, UTF8.encode(text));
}

/**
 * The SHA-256 of `data` in lower-case hex, as `x-amz-content-sha256` and the string to sign
 * carry it.
 *
 * @param data Text (hashed as UTF-8) or bytes.
 */
export async function sha256Hex(data: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = typeof data === "string" ? UTF8.encode(data) : data;
  return toHex(await crypto.subtle.digest("SHA-256", bytes));
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
