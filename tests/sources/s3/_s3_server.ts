/**
 * A real S3-compatible server for the tests: s3rver on 127.0.0.1, storing into a temporary
 * folder, with a log of every request it answered and the bytes it sent.
 *
 * s3rver 3.7 checks a Signature Version 4 request's key id, date and payload-hash header but
 * not its signature, so a first middleware signs each request again, as received, with the
 * server's secret and refuses a mismatch with S3's `SignatureDoesNotMatch`: what went over the
 * wire must be what was signed, with the right secret. (The signature algorithm itself is
 * checked against AWS's published examples in `sign_request_test.ts`.)
 *
 * @module
 */
import S3rver from "s3rver";
import type { S3Bucket } from "../../../src/sources/s3/mod.ts";
import { sha256Hex, signRequest } from "../../../src/sources/s3/sign_request.ts";

/** The bucket every test server holds. */
export const BUCKET = "images";
/** s3rver's built-in key pair. */
const KEY_ID = "S3RVER";
const SECRET = "S3RVER";
const AUTHORIZATION_REGEXP =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/s3\/aws4_request,SignedHeaders=([^,]+),/;

/** Environment variables holding the server's own key pair. */
export const GOOD_KEYS = {
  accessKeyId: "TESSERA_TEST_S3_KEY_ID",
  secretAccessKey: "TESSERA_TEST_S3_SECRET",
  sessionToken: "TESSERA_TEST_S3_TOKEN",
} as const;

/** Environment variables holding the right key id with a wrong secret. */
export const WRONG_SECRET_KEYS = {
  ...GOOD_KEYS,
  secretAccessKey: "TESSERA_TEST_S3_WRONG",
} as const;

Deno.env.set(GOOD_KEYS.accessKeyId, KEY_ID);
Deno.env.set(GOOD_KEYS.secretAccessKey, SECRET);
Deno.env.set(WRONG_SECRET_KEYS.secretAccessKey, "not-the-secret");

/** One request the server answered. */
export interface LoggedRequest {
  readonly method: string;
  /** The path and query as sent. */
  readonly url: string;
  readonly range: string | undefined;
  readonly status: number;
  /** Bytes of body the server sent (none for HEAD). */
  readonly bytes: number;
}

/** A running server; dispose of it to stop it and remove its folder. */
export interface S3Server extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** Every request answered so far, oldest first. */
  readonly log: LoggedRequest[];
  /** The bucket as a profile reaches it with the right keys, unless `overrides` say otherwise. */
  bucket(overrides?: Partial<S3Bucket>): S3Bucket;
  /** Stores `bytes` as `key` with a signed PUT, as any S3 client would. */
  put(key: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
}

/** The part of a Koa context the middleware uses. */
interface Context {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | undefined>;
  status: number;
  type: string;
  body: unknown;
  readonly length: number | undefined;
}

/** Starts a server holding the empty bucket {@linkcode BUCKET}. */
export async function startS3Server(): Promise<S3Server> {
  const directory = await Deno.makeTempDir({ prefix: "tessera-s3-" });
  const s3rver = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }],
  });
  const log: LoggedRequest[] = [];
  (s3rver as unknown as { middleware: unknown[] }).middleware.unshift(
    async (context: Context, next: () => Promise<void>) => {
      const entry = { method: context.method, url: context.url, range: context.headers.range };
      try {
        if (await signatureMatches(context)) await next();
        else refuse(context);
      } catch (error) {
        // s3rver throws its S3 errors (404 NoSuchKey, 403 …) for Koa to answer.
        log.push({ ...entry, status: (error as { status?: number }).status ?? 500, bytes: 0 });
        throw error;
      }
      const bytes = context.method === "HEAD" ? 0 : context.length ?? 0;
      log.push({ ...entry, status: context.status, bytes });
    },
  );
  const { port } = await s3rver.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    log,
    bucket: (overrides = {}) => ({
      endpoint,
      region: "us-east-1",
      name: BUCKET,
      pathStyle: true,
      allowPrivateNetworks: true,
      timeoutMs: 5_000,
      credentialVariables: GOOD_KEYS,
      ...overrides,
    }),
    put: (key, bytes) => putObject(`${endpoint}/${BUCKET}/${encodeURI(key)}`, bytes),
    async [Symbol.asyncDispose]() {
      await s3rver.close();
      await Deno.remove(directory, { recursive: true });
    },
  };
}

/** Unsigned requests pass (s3rver answers them as an anonymous client). */
async function signatureMatches(context: Context): Promise<boolean> {
  const { authorization, host } = context.headers;
  if (authorization === undefined) return true;
  const match = AUTHORIZATION_REGEXP.exec(authorization);
  const date = context.headers["x-amz-date"] ?? "";
  if (match === null || host === undefined) return false;
  const [, accessKeyId, region, signedHeaders] = match;
  const headers: Record<string, string> = {};
  for (const name of signedHeaders.split(";")) headers[name] = context.headers[name] ?? "";
  const expected = await signRequest({
    method: context.method,
    url: new URL(`http://${host}${context.url}`),
    headers,
    payloadHash: headers["x-amz-content-sha256"],
  }, {
    credentials: { accessKeyId, secretAccessKey: SECRET },
    region,
    date: new Date(date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z")),
  });
  return expected.authorization === authorization;
}

function refuse(context: Context): void {
  context.status = 403;
  context.type = "application/xml";
  context.body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch' +
    "</Code><Message>The request signature we calculated does not match the signature you " +
    "provided. Check your key and signing method.</Message></Error>";
}

async function putObject(url: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const headers = await signRequest({
    method: "PUT",
    url: new URL(url),
    headers: {},
    payloadHash: await sha256Hex(bytes),
  }, {
    credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
    region: "us-east-1",
    date: new Date(),
  });
  const response = await fetch(url, { method: "PUT", headers, body: bytes });
  const text = await response.text();
  if (!response.ok) throw new Error(`PUT ${url} failed: ${response.status} ${text}`);
}
