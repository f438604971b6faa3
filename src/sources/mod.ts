/**
 * Sources: identifiers to files (profiles), files to header facts (probing). Pixels are decoded
 * later, inside a worker, by `src/codecs/`. Remote profiles (`web`, `trusted_web`) fetch each
 * image once into a local file, so everything after `resolve` treats them as disk files.
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
export type { SourceProfile } from "./source_profile.ts";
export type { SourceRef } from "./source_ref.ts";
