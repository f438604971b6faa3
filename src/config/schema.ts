import { z } from "zod";

/** Profile names become the first segment of identifiers, so they must be URL-safe as they are. */
const PROFILE_NAME_REGEXP = /^[A-Za-z0-9_-]+$/;
const HTTP_PROTOCOL_REGEXP = /^https?$/;

const positiveInt = z.int().min(1);
const nonNegativeInt = z.int().min(0);
const httpUrl = z.url({ protocol: HTTP_PROTOCOL_REGEXP });

/** Settings shared by every profile type. */
const profileCommon = {
  rights: httpUrl.nullable().default(null).describe(
    "Rights statement or licence URI advertised in info.json",
  ),
  cache_for: nonNegativeInt.default(86400).describe(
    "Seconds clients and CDNs may cache responses (`Cache-Control: max-age`)",
  ),
  info_json_cache_size: nonNegativeInt.default(1000).describe(
    "Number of this profile's image headers (info.json data) kept in memory; 0 disables it",
  ),
  convert_quality: z.int().min(1).max(100).nullable().default(null).describe(
    "JPEG/WebP quality for this profile; null uses `jpeg_quality`",
  ),
  convert_subsampling: z.enum(["420", "422", "444"]).default("420").describe(
    "JPEG chroma subsampling for this profile",
  ),
  listable: z.boolean().default(false).describe(
    "Whether the landing page may list this profile's images",
  ),
};

const DiskProfileSchema = z.strictObject({
  type: z.literal("disk").describe(
    "Profile type; `disk` serves the files under `<source_path>/<name>/`",
  ),
  ...profileCommon,
});

/**
 * The whole configuration file. Keys are snake_case as written in YAML; every key except a
 * profile's `type` has a default, so an empty file is a valid configuration.
 */
export const ConfigSchema = z.strictObject({
  host: z.string().min(1).default("127.0.0.1").describe("Address the HTTP server listens on"),
  port: z.int().min(0).max(65535).default(8080).describe(
    "TCP port the HTTP server listens on; 0 picks a free port",
  ),
  base_url: httpUrl.refine((url) => !url.endsWith("/"), 'expected no trailing "/"')
    .nullable().default(null).describe(
      "Public URL prefix of the service, used in info.json ids; null builds it from the " +
        "request's Host and X-Forwarded-Proto/X-Forwarded-Host headers",
    ),
  source_path: z.string().min(1).default("./images").describe(
    "Directory holding one sub-directory per disk profile; relative to the config file",
  ),
  cache_path: z.string().min(1).default("./cache").describe(
    "Directory for the derivative cache; relative to the config file",
  ),
  min_sizes_size: positiveInt.default(200).describe(
    "Smallest longer side (the larger of width and height) of the sizes listed in info.json",
  ),
  tile_width: z.int().min(64).default(512).describe(
    "Tile width and height advertised in info.json",
  ),
  image_pool_size: positiveInt.default(() => navigator.hardwareConcurrency).describe(
    "Number of image worker threads; defaults to the number of CPU cores",
  ).meta({ defaultLabel: "number of CPU cores" }),
  queue_limit: positiveInt.default(64).describe(
    "Image jobs allowed to wait for a worker before requests are refused with 503",
  ),
  image_cache_size_per_worker: nonNegativeInt.default(268435456).describe(
    "Bytes of decoded source images each worker keeps for reuse",
  ),
  gpu: z.enum(["auto", "on", "off"]).default("auto").describe(
    "Image operations on the GPU through WebGPU: `on` forces it (start fails without an " +
      "adapter), `off` uses the CPU kernels, `auto` uses the GPU only on a hardware adapter and " +
      "for the jobs it measured faster there (see Choosing the backend)",
  ),
  gpu_cache_bytes: nonNegativeInt.default(268435456).describe(
    "Bytes of decoded sources each worker keeps resident on the GPU, so tiles of a source " +
      "already there upload nothing; 0 keeps none",
  ),
  gpu_job_timeout_ms: positiveInt.default(10000).describe(
    "A GPU job not finished within this many milliseconds is re-run on the CPU and the " +
      "worker's GPU device is recreated",
  ),
  derivative_cache_max_bytes: nonNegativeInt.default(1073741824).describe(
    "Bytes of encoded images kept on disk under `cache_path`; 0 disables the derivative cache",
  ),
  max_width: positiveInt.default(10000).describe("Largest output width, advertised as maxWidth"),
  max_height: positiveInt.default(10000).describe("Largest output height, advertised as maxHeight"),
  max_area: positiveInt.default(100000000).describe(
    "Largest output area in pixels, advertised as maxArea",
  ),
  allow_upscaling: z.boolean().default(true).describe(
    "Whether sizes above the region are allowed (`^` in 3.0, sizeAboveFull in 2.1)",
  ),
  jpeg_quality: z.int().min(1).max(100).default(85).describe("JPEG/WebP output quality"),
  bitonal_threshold: z.int().min(0).max(255).default(128).describe(
    "Luma at and above which a `bitonal` pixel is white",
  ),
  cors_origin: z.string().min(1).default("*").describe(
    "Value of the Access-Control-Allow-Origin header",
  ),
  default_profile: z.string().nullable().default(null).describe(
    "Profile serving identifiers without a profile prefix; null requires the prefix",
  ),
  profiles: z.record(
    z.string().regex(PROFILE_NAME_REGEXP),
    z.discriminatedUnion("type", [DiskProfileSchema]),
  ).default({}).describe(
    "Image sources by name (letters, digits, `_`, `-`); the name prefixes identifiers",
  ),
}).superRefine(checkDefaultProfile, {
  // Also run when other keys are wrong, so every problem is listed at once, but not when the
  // document, `profiles` or `default_profile` themselves are unusable.
  when: (payload) => !payload.issues.some(makesDefaultProfileUncheckable),
});

function makesDefaultProfileUncheckable(issue: z.core.$ZodRawIssue): boolean {
  const key = issue.path?.join(".") ?? "";
  if (key === "") return issue.code !== "unrecognized_keys";
  return key === "default_profile" || key === "profiles";
}

function checkDefaultProfile(
  config: { default_profile: string | null; profiles: Record<string, unknown> },
  context: z.RefinementCtx,
): void {
  const name = config.default_profile;
  if (name !== null && !Object.hasOwn(config.profiles, name)) {
    context.addIssue({
      code: "custom",
      path: ["default_profile"],
      input: name,
      message: `expected a key of profiles (${profileNames(config.profiles)})`,
    });
  }
}

function profileNames(profiles: Record<string, unknown>): string {
  const names = Object.keys(profiles).map((name) => JSON.stringify(name));
  return names.length === 0 ? "none is defined" : names.join(", ");
}

/** The validated configuration, with `source_path` and `cache_path` absolute after loading. */
export type Config = z.infer<typeof ConfigSchema>;

/** One entry of `profiles`. */
export type ProfileConfig = Config["profiles"][string];
