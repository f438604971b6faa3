import type { ProfileConfig } from "../../config/mod.ts";
import type { S3Bucket } from "./s3_object.ts";
import { S3Profile } from "./s3_profile.ts";

/**
 * The profile an `s3` entry of the configuration describes. Without `endpoint` it talks to
 * AWS's regional endpoint, virtual-hosted style; with one, path style unless
 * `force_path_style` says otherwise.
 *
 * @param name A key of `config.profiles`.
 * @param profile Its validated settings, of type `s3`.
 * @throws {TypeError} `bucket` is missing (the configuration was not validated), or the
 *   environment holds only one of the key id and the secret.
 */
export function createS3Profile(name: string, profile: ProfileConfig): S3Profile {
  if (profile.bucket === null) {
    throw new TypeError(`Cannot create profile: profiles.${name}.bucket is missing`);
  }
  const endpoint = profile.endpoint ?? `https://s3.${profile.region}.amazonaws.com`;
  const bucket: S3Bucket = {
    endpoint: endpoint.replace(/\/$/, ""),
    region: profile.region,
    name: profile.bucket,
    pathStyle: profile.force_path_style ?? profile.endpoint !== null,
    allowPrivateNetworks: profile.allow_private_networks,
    timeoutMs: profile.timeout_ms,
    credentialVariables: {
      accessKeyId: profile.access_key_id_env,
      secretAccessKey: profile.secret_access_key_env,
      sessionToken: profile.session_token_env,
    },
  };
  return new S3Profile(name, { bucket, prefix: profile.prefix });
}
