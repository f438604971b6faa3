import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "../../../src/config/mod.ts";
import { createS3Profile } from "../../../src/sources/s3/mod.ts";

const ORIGIN = { file: "tessera.yml", baseDir: "/srv" };
const S3_DEFAULTS = {
  prefix: "",
  endpoint: null,
  region: "us-east-1",
  force_path_style: null,
  access_key_id_env: "AWS_ACCESS_KEY_ID",
  secret_access_key_env: "AWS_SECRET_ACCESS_KEY",
  session_token_env: "AWS_SESSION_TOKEN",
  timeout_ms: 30000,
  allow_private_networks: false,
};

function s3Config(profile: Record<string, unknown>) {
  return parseConfig({ profiles: { scans: { type: "s3", bucket: "museum", ...profile } } }, ORIGIN)
    .profiles.scans;
}

function problemsOf(profile: Record<string, unknown>): readonly string[] {
  try {
    parseConfig({ profiles: { p: profile } }, ORIGIN);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail("parseConfig() accepted the profile");
}

Deno.test("parseConfig() fills the s3 defaults of a profile naming only its bucket", () => {
  const profile = s3Config({});
  const keys = Object.keys(S3_DEFAULTS) as (keyof typeof S3_DEFAULTS)[];
  assert.deepEqual(Object.fromEntries(keys.map((key) => [key, profile[key]])), S3_DEFAULTS);
});

Deno.test("parseConfig() names the key of a wrong s3 setting", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ type: "s3" }, "profiles.p.bucket: expected a bucket name, received null"],
    [{ type: "s3", bucket: "s3://museum" }, "profiles.p.bucket: "],
    [{ type: "s3", bucket: "museum", endpoint: "ftp://x" }, "profiles.p.endpoint: "],
    [{ type: "s3", bucket: "museum", region: "EU West" }, "profiles.p.region: "],
    [{ type: "s3", bucket: "museum", access_key_id_env: "MY-KEY" }, "profiles.p.access_key_id_env"],
    [{ type: "disk", bucket: "museum" }, 'profiles.p.bucket: expected nothing on a "disk" profile'],
    [{ type: "web", url: "https://a.org/{name}", prefix: "x/" }, "profiles.p.prefix: expected"],
  ];
  for (const [profile, problem] of cases) {
    const problems = problemsOf(profile);
    assert.ok(problems.some((text) => text.startsWith(problem)), `${problem}: ${problems}`);
  }
});

Deno.test("createS3Profile() uses AWS's regional endpoint, virtual-hosted, without endpoint", () => {
  const { bucket } = createS3Profile("scans", s3Config({ region: "eu-west-3", timeout_ms: 900 }));
  assert.deepEqual(bucket, {
    endpoint: "https://s3.eu-west-3.amazonaws.com",
    region: "eu-west-3",
    name: "museum",
    pathStyle: false,
    allowPrivateNetworks: false,
    timeoutMs: 900,
    credentialVariables: {
      accessKeyId: "AWS_ACCESS_KEY_ID",
      secretAccessKey: "AWS_SECRET_ACCESS_KEY",
      sessionToken: "AWS_SESSION_TOKEN",
    },
  });
});

Deno.test("createS3Profile() goes path style with an endpoint unless told otherwise", () => {
  const endpoint = "http://minio.internal:9000/";
  const pathStyle = createS3Profile("scans", s3Config({ endpoint })).bucket;
  assert.deepEqual([pathStyle.endpoint, pathStyle.pathStyle], ["http://minio.internal:9000", true]);
  const virtual = createS3Profile("scans", s3Config({ endpoint, force_path_style: false })).bucket;
  assert.equal(virtual.pathStyle, false);
});
