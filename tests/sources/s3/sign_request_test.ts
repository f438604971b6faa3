import assert from "node:assert/strict";
import {
  EMPTY_PAYLOAD_SHA256,
  sha256Hex,
  type SignableRequest,
  signRequest,
} from "../../../src/sources/s3/sign_request.ts";

/** The key pair, region and time of every example in the S3 API reference's SigV4 chapter. */
const AWS_EXAMPLE = {
  credentials: {
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  },
  region: "us-east-1",
  date: new Date("2013-05-24T00:00:00Z"),
};
const HOST = "https://examplebucket.s3.amazonaws.com";
const SCOPE = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";

/** [example, request, signed header names, signature], from "Examples: Signature Calculations". */
const EXAMPLES: [string, () => Promise<SignableRequest>, string, string][] = [
  [
    "GET Object (a range, empty payload)",
    () =>
      Promise.resolve({
        method: "GET",
        url: new URL(`${HOST}/test.txt`),
        headers: { Range: "bytes=0-9" },
        payloadHash: EMPTY_PAYLOAD_SHA256,
      }),
    "host;range;x-amz-content-sha256;x-amz-date",
    "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
  ],
  [
    "PUT Object (an encoded key, a body, extra headers)",
    async () => ({
      method: "PUT",
      url: new URL(`${HOST}/test%24file.text`),
      headers: {
        date: "Fri, 24 May 2013 00:00:00 GMT",
        "x-amz-storage-class": "REDUCED_REDUNDANCY",
      },
      payloadHash: await sha256Hex("Welcome to Amazon S3."),
    }),
    "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
    "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
  ],
  [
    "GET Bucket Lifecycle (a parameter without value)",
    () =>
      Promise.resolve({
        method: "GET",
        url: new URL(`${HOST}/?lifecycle`),
        headers: {},
        payloadHash: EMPTY_PAYLOAD_SHA256,
      }),
    "host;x-amz-content-sha256;x-amz-date",
    "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
  ],
  [
    "GET Bucket (List Objects) (parameters sorted)",
    () =>
      Promise.resolve({
        method: "GET",
        url: new URL(`${HOST}/?max-keys=2&prefix=J`),
        headers: {},
        payloadHash: EMPTY_PAYLOAD_SHA256,
      }),
    "host;x-amz-content-sha256;x-amz-date",
    "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
  ],
];

for (const [example, request, signedHeaders, signature] of EXAMPLES) {
  Deno.test(`signRequest() matches the S3 API reference's "${example}" example`, async () => {
    const headers = await signRequest(await request(), AWS_EXAMPLE);
    assert.equal(
      headers.authorization,
      `AWS4-HMAC-SHA256 Credential=${SCOPE},SignedHeaders=${signedHeaders},Signature=${signature}`,
    );
    assert.equal(headers["x-amz-date"], "20130524T000000Z");
    assert.equal(headers.host, "examplebucket.s3.amazonaws.com");
  });
}

Deno.test("signRequest() signs the session token of temporary credentials", async () => {
  const [request] = EXAMPLES;
  const credentials = { ...AWS_EXAMPLE.credentials, sessionToken: "token/with+chars" };
  const headers = await signRequest(await request[1](), { ...AWS_EXAMPLE, credentials });
  assert.equal(headers["x-amz-security-token"], "token/with+chars");
  assert.match(
    headers.authorization,
    /SignedHeaders=host;range;x-amz-content-sha256;x-amz-date;x-amz-security-token,/,
  );
  assert.doesNotMatch(headers.authorization, /f0e8bdb87c964420/, "the token changes the signature");
});

Deno.test("sha256Hex() hashes text as UTF-8 and bytes as they are", async () => {
  assert.equal(await sha256Hex(""), EMPTY_PAYLOAD_SHA256);
  assert.equal(await sha256Hex(new Uint8Array(0)), EMPTY_PAYLOAD_SHA256);
  assert.equal(
    await sha256Hex("é"),
    await sha256Hex(new Uint8Array([0xc3, 0xa9])),
  );
});
