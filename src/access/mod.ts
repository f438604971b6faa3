/**
 * Access control: who may see a profile's images. Policy (profiles' keys, signed tokens, address
 * ranges, the decision, and the IIIF Authorization Flow 2.0 documents); `src/http/` reads the
 * request's credentials, applies the verdict and serves the flow's routes.
 *
 * @module
 */
export { AccessDeniedError, AuthorizationRequiredError } from "./errors.ts";
export {
  type AccessClaims,
  importAccessKey,
  MIN_SECRET_LENGTH,
  nowInSeconds,
  signAccessToken,
  type TokenCheck,
  type TokenRejection,
  verifyAccessToken,
} from "./access_token.ts";
export { VerifiedTokens } from "./verified_tokens.ts";
export { ipRangesContain } from "./ip_range.ts";
export { type IpRange, parseIpRange } from "../sources/mod.ts";
export {
  type AccessFacts,
  type AccessMode,
  type AccessVerdict,
  decideAccess,
  REJECTION_REASONS,
  scopeCovers,
} from "./decide_access.ts";
export {
  type AccessServiceTexts,
  type AccessTokenMessage,
  AUTH_CONTEXT,
  authProbeResult,
  type AuthProbeResult2,
  authProbeService,
  type AuthProbeService2,
  type AuthServiceUrls,
  type LanguageMap,
} from "./auth_documents.ts";
