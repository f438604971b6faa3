import { LRUCache } from "lru-cache";
import type { ProbedImage } from "../codecs/mod.ts";
import type { Config, ProfileConfig } from "../config/mod.ts";
import { createProfile } from "./_create_profile.ts";
import { FetchLimiter } from "./_fetch_limiter.ts";
import { isMissingPath } from "./_is_missing_path.ts";
import { IdentifierNotFoundError } from "./errors.ts";
import { parseIdentifier, type ProfileAndName } from "./parse_identifier.ts";
import { probeFile } from "./probe_file.ts";
import { createS3Profile, sourceCacheKey } from "./s3/mod.ts";
import type { SourceProfile } from "./source_profile.ts";
import type { SourceRef } from "./source_ref.ts";

/** A source found for an identifier, with its profile's settings. */
export interface ResolvedSource {
  readonly ref: SourceRef;
  readonly profile: ProfileConfig;
}

/**
 * The configured profiles: turns identifiers into sources and sources into header facts. Header
 * facts are kept per profile in an LRU of `info_json_cache_size` entries (none when 0), keyed by
 * path, mtime and size (and ETag for S3), so info.json and planning never read a header twice
 * while the source is unchanged.
 */
export class SourceRegistry {
  readonly #config: Config;
  readonly #profiles = new Map<string, SourceProfile>();
  readonly #profileNames: ReadonlySet<string>;
  readonly #headers = new Map<string, LRUCache<string, ProbedImage>>();

  /**
   * @param config The validated configuration.
   * @throws {TypeError} An `s3` profile's environment holds only one of the key id and the
   *   secret.
   */
  constructor(config: Config) {
    this.#config = config;
    const limiter = new FetchLimiter(config.max_http_fetches);
    for (const [name, profile] of Object.entries(config.profiles)) {
      this.#profiles.set(
        name,
        profile.type === "s3"
          ? createS3Profile(name, profile)
          : createProfile(name, { config, limiter }),
      );
      const max = profile.info_json_cache_size;
      if (max > 0) this.#headers.set(name, new LRUCache({ max }));
    }
    this.#profileNames = new Set(this.#profiles.keys());
  }

  /**
   * The profile and name an identifier stands for, without touching the source.
   *
   * @param identifier The percent-decoded identifier, `<profile>:<name>` or a default-profile name.
   * @returns `undefined` when no profile serves it.
   */
  identify(identifier: string): ProfileAndName | undefined {
    return parseIdentifier(identifier, {
      profiles: this.#profileNames,
      defaultProfile: this.#config.default_profile,
    });
  }

  /**
   * The source behind an identifier, with its profile's settings. For a `web` or `trusted_web`
   * profile this downloads the image the first time; for an `s3` profile it is a HEAD request
   * (reused for a moment).
   *
   * @param identifier The percent-decoded identifier, `<profile>:<name>` or a default-profile name.
   * @throws {IdentifierNotFoundError} No profile has that image.
   * @throws {ForbiddenSourceError} A remote image on a non-public address, or redirected outside
   *   the profile's URLs.
   * @throws {UpstreamError} A remote image that could not be fetched, or S3 failed (wrong
   *   credentials, no permission, …).
   * @throws {UpstreamTimeoutError} A remote image not fetched within the profile's `timeout_ms`.
   */
  async resolve(identifier: string): Promise<ResolvedSource> {
    const parsed = this.identify(identifier);
    const ref = parsed && await this.#profiles.get(parsed.profile)?.resolve(parsed.name);
    if (!ref) throw new IdentifierNotFoundError(identifier);
    return { ref, profile: this.#config.profiles[ref.profile] };
  }

  /**
   * The header facts of a resolved source (cached while the source is unchanged).
   *
   * @throws {IdentifierNotFoundError} The file vanished since it was resolved.
   * @throws {UnsupportedSourceError} Not a format Tessera reads.
   * @throws {CorruptSourceError} A broken header.
   * @throws {UpstreamError} An S3 object was replaced since it was resolved, or S3 failed.
   * @throws {UpstreamTimeoutError} S3 did not answer within the profile's `timeout_ms`.
   */
  async probe(ref: SourceRef): Promise<ProbedImage> {
    const cache = this.#headers.get(ref.profile);
    const key = sourceCacheKey(ref);
    const cached = cache?.get(key);
    if (cached) return cached;
    try {
      const probed = await probeFile(ref);
      cache?.set(key, probed);
      return probed;
    } catch (error) {
      if (isMissingPath(error)) {
        throw new IdentifierNotFoundError(`${ref.profile}:${ref.name}`, { cause: error });
      }
      throw error;
    }
  }

  /**
   * Identifiers (`<profile>:<name>`) of the images in the profiles marked `listable`, in profile
   * order: each profile contributes its first 10,000 names (see `DiskProfile.list`; a remote
   * profile lists the images fetched so far, an `s3` profile the keys under its prefix).
   */
  async listable(): Promise<string[]> {
    const lists = await Promise.all(
      [...this.#profiles.values()]
        .filter((profile) => this.#config.profiles[profile.name].listable)
        .map(async (profile) => (await profile.list()).map((name) => `${profile.name}:${name}`)),
    );
    return lists.flat();
  }
}
