import type { ProbedImage } from "../codecs/mod.ts";
import { ForbiddenSourceError, type ResolvedSource } from "../sources/mod.ts";
import { type ImageAccess, imageAccess, refusal } from "./access_check.ts";
import type { AppDeps } from "./app_deps.ts";

/** An original that may be downloaded: resolved, allowed by its profile, and an image we read. */
export interface DownloadableSource extends ResolvedSource {
  readonly probed: ProbedImage;
  /** What the request may see: answers about a protected profile's image are personal. */
  readonly access: ImageAccess;
}

/**
 * Resolves an identifier for download. The source is probed too, so only files Tessera serves
 * as images are handed out (a stray text file in a profile folder answers 415, not its bytes).
 *
 * @throws {IdentifierNotFoundError} No profile has that image.
 * @throws {AuthorizationRequiredError} Its profile wants a token (401); originals are never
 *   size-capped, so `access_max_unauthorized_size` does not let them out.
 * @throws {AccessDeniedError} The address or the token's scope does not allow it (403).
 * @throws {ForbiddenSourceError} Its profile does not set `downloadable`.
 * @throws {UnsupportedSourceError} It is not an image format Tessera reads.
 */
export async function downloadableSource(
  request: Request,
  deps: AppDeps,
  identifier: string,
): Promise<DownloadableSource> {
  const source = await deps.sources.resolve(identifier);
  const access = await imageAccess(request, deps, source);
  if (!access.verdict.granted) throw refusal(access.verdict, source);
  if (!source.profile.downloadable) {
    throw new ForbiddenSourceError(
      `Cannot download the original of "${identifier}": profile "${source.ref.profile}" does ` +
        "not offer originals for download",
    );
  }
  return { ...source, access, probed: await deps.sources.probe(source.ref) };
}
