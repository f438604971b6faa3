/**
 * Sources: identifiers to sources (profiles), sources to header facts (probing). Pixels are
 * decoded later, inside a worker, by `src/codecs/`. Remote profiles (`web`, `trusted_web`) fetch
 * each image once into a local file; `s3` profiles read their objects by byte ranges. Every
 * reader of a source's bytes (probing here, decoding in the workers) opens them with
 * {@linkcode openSourceBytes}, which serves both.
 *
 * @module
 */
export {
  ForbiddenSourceError,
  IdentifierNotFoundError,
  UpstreamError,
  UpstreamTimeoutError,
} from "./errors.ts";
export { parseIdentifier, type ProfileAndName } from "./parse_identifier.ts";
export { type ResolvedSource, SourceRegistry } from "./source_registry.ts";
export { loadWatermarks, type ProfileWatermark } from "./load_watermarks.ts";
export type { SourceProfile } from "./source_profile.ts";
export type { SourceRef } from "./source_ref.ts";
export {
  type OpenedBytes,
  openSourceBytes,
  type S3Object,
  sourceCacheKey,
  type SourceLocation,
} from "./s3/mod.ts";
/** The check of remote hosts against private networks, which the `s3` sub-folder shares. */
export { resolveAddresses, type ResolvedAddress } from "./_resolve_addresses.ts";
/** Addresses and ranges as bytes: the one parser, which `src/access` reads its allow-lists with. */
export { inIpRange, ipBytes, type IpRange, parseIpRange } from "./_ip_bytes.ts";
/** The one synchronous hash of cache names, ETags and watermark names. */
export { sha256Hex } from "./sha256_hex.ts";
/** How every log line describes an error and its causes (server, requests, shared cache). */
export { describeError } from "./describe_error.ts";
