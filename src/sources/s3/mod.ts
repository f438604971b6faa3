/**
 * The `s3` source profile: objects of an S3 or S3-compatible bucket, looked up with HEAD and
 * read with ranged GETs signed by AWS Signature Version 4 (our own, over `crypto.subtle`), and
 * the access to any source's bytes that probing and the workers share.
 *
 * @module
 */
export { createS3Profile } from "./create_s3_profile.ts";
export { type OpenedBytes, openSourceBytes, type SourceLocation } from "./open_source_bytes.ts";
export type { CredentialVariables, S3Bucket, S3Object } from "./s3_object.ts";
export { S3Profile, type S3ProfileOptions } from "./s3_profile.ts";
export { sourceCacheKey } from "./source_cache_key.ts";
