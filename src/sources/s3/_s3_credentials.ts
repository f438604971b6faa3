import type { S3Credentials } from "./sign_request.ts";
import type { CredentialVariables } from "./s3_object.ts";

/**
 * The credentials in the environment, or `undefined` when neither the key id nor the secret is
 * set: requests then go unsigned, which public buckets answer.
 *
 * @param variables The names of the variables to read.
 * @returns The key pair, with the session token when that variable is set too.
 * @throws {TypeError} Only one of the key id and the secret is set.
 */
export function credentialsFromEnv(variables: CredentialVariables): S3Credentials | undefined {
  const accessKeyId = Deno.env.get(variables.accessKeyId) ?? "";
  const secretAccessKey = Deno.env.get(variables.secretAccessKey) ?? "";
  const sessionToken = Deno.env.get(variables.sessionToken) || undefined;
  if (accessKeyId === "" && secretAccessKey === "") return undefined;
  if (accessKeyId === "" || secretAccessKey === "") {
    const [set, unset] = accessKeyId === ""
      ? [variables.secretAccessKey, variables.accessKeyId]
      : [variables.accessKeyId, variables.secretAccessKey];
    throw new TypeError(`Cannot sign S3 requests: ${set} is set but ${unset} is not`);
  }
  return { accessKeyId, secretAccessKey, sessionToken };
}
