import { z } from "zod";
import { parseIpRange } from "../access/mod.ts";
import { parseRedisUrl } from "../cache/mod.ts";

/** Profile names become the first segment of identifiers, so they must be URL-safe as they are. */
const PROFILE_NAME_REGEXP = /^[A-Za-z0-9_-]+$/;
const HTTP_PROTOCOL_REGEXP = /^https?$/;
/** S3's bucket naming rules, loosened for older buckets and other S3-compatible servers. */
const BUCKET_REGEXP = /^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$/;
const REGION_REGEXP = /^[a-z0-9-]+$/;
const ENV_NAME_REGEXP = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HEADER_NAME_REGEXP = /^[A-Za-z0-9-]+$/;

const positiveInt = z.int().min(1);
/** Which answers get a request log line: `info` all, `warn` 4xx and 5xx, `error` 5xx only. */
const LOG_LEVELS = ["info", "warn", "error"] as const;
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
  log_level: z.enum(LOG_LEVELS).nullable().default(null).describe(
    "Request log lines for this profile's images: `info` every request, `warn` 4xx and 5xx " +
      "answers, `error` 5xx only; null uses the top-level `log_level`",
  ),
  downloadable: z.boolean().default(false).describe(
    "Whether `/originals/` hands out this profile's source files as they are stored (otherwise " +
      "403); thumbnails, previews and IIIF images are served either way",
  ),
  watermark: z.strictObject({
    image: z.string().min(1).describe(
      "The mark: a PNG (its alpha is kept), JPEG, GIF or WebP file, relative to the config " +
        "file; read and checked at start",
    ),
    opacity: z.number().gt(0).max(1).default(0.3).describe(
      "How strongly the mark covers the image (above 0, at most 1), multiplied with its own alpha",
    ),
    min_width: nonNegativeInt.default(400).describe(
      "Outputs are marked when the whole image, at the output's scale, is at least this wide " +
        "or at least `min_height` high; smaller ones (thumbnails) stay clean",
    ),
    min_height: nonNegativeInt.default(400).describe(
      "See `min_width`",
    ),
  }).nullable().default(null).describe(
    "A watermark laid on this profile's images, repeated from the image's top-left corner at " +
      "the output's scale (README, Watermark); null marks nothing",
  ),
};

/** The kinds of profile: where a profile's images come from. */
const PROFILE_TYPES = ["disk", "web", "trusted_web", "s3"] as const;

/**
 * Settings of `web` and `trusted_web` profiles. They have defaults, so a disk profile carries
 * them too, unused; `url` and `regex` default to null and are checked against the type by
 * {@linkcode checkProfileType}.
 */
const remoteProfileKeys = {
  url: z.string().nullable().default(null).describe(
    "`web` profiles (required there): the URL an image is fetched from, with `{name}` where " +
      "the percent-encoded name goes, e.g. `https://images.example.org/files/{name}`",
  ),
  regex: z.string().min(1).superRefine(checkRegExp).nullable().default(null).describe(
    "`trusted_web` profiles (required there): a regular expression (JavaScript syntax, `u` " +
      "flag) that the whole URL of every fetch and every redirect must match, as WHATWG URL " +
      "writes it (scheme and host lower-case, spaces as `%20`)",
  ),
  timeout_ms: positiveInt.default(30000).describe(
    "`web`/`trusted_web`: milliseconds a download may take, redirects included, before it is " +
      "abandoned with 504; `s3`: milliseconds each request to S3 may take",
  ),
  max_bytes: positiveInt.default(268435456).describe(
    "`web`/`trusted_web`: largest source accepted, in bytes; a larger one is abandoned with 502 " +
      "and nothing is stored",
  ),
  max_redirects: z.int().min(0).max(20).default(5).describe(
    "`web`/`trusted_web`: redirects followed per download; one more is answered with 502",
  ),
  allow_private_networks: z.boolean().default(false).describe(
    "`web`/`trusted_web`/`s3`: whether hosts on loopback, private, link-local or other " +
      "non-public addresses may be fetched (otherwise 403)",
  ),
};

/**
 * Settings of `s3` profiles. `bucket`, `endpoint` and `force_path_style` default to null and
 * are checked against the type by {@linkcode checkProfileType}, like `url` and `regex`.
 */
const s3ProfileKeys = {
  bucket: z.string().regex(BUCKET_REGEXP).nullable().default(null).describe(
    "`s3` profiles (required there): the bucket holding the images",
  ),
  prefix: z.string().default("").describe(
    "`s3`: prepended to a name to make its object key, e.g. `scans/` serves key " +
      "`scans/a/b.tif` as `a/b.tif`",
  ),
  endpoint: httpUrl.nullable().default(null).describe(
    "`s3`: the S3-compatible service's URL, e.g. `http://127.0.0.1:9000`; null uses AWS's " +
      "regional endpoint `https://s3.<region>.amazonaws.com`",
  ),
  region: z.string().regex(REGION_REGEXP).default("us-east-1").describe(
    "`s3`: the region requests are signed for (and whose AWS endpoint is used without " +
      "`endpoint`)",
  ),
  force_path_style: z.boolean().nullable().default(null).describe(
    "`s3`: address objects as `<endpoint>/<bucket>/<key>` rather than " +
      "`<bucket>.<endpoint host>/<key>`; null means true with an `endpoint`, false for AWS",
  ),
  access_key_id_env: z.string().regex(ENV_NAME_REGEXP).default("AWS_ACCESS_KEY_ID").describe(
    "`s3`: the environment variable holding the access key id; requests go unsigned when it " +
      "and the secret's are both unset",
  ),
  secret_access_key_env: z.string().regex(ENV_NAME_REGEXP).default("AWS_SECRET_ACCESS_KEY")
    .describe("`s3`: the environment variable holding the secret access key"),
  session_token_env: z.string().regex(ENV_NAME_REGEXP).default("AWS_SESSION_TOKEN").describe(
    "`s3`: the environment variable holding the session token of temporary credentials, if set",
  ),
};

/** How a profile's images are protected; `src/access` decides by these. */
const ACCESS_MODES = ["public", "token", "ip"] as const;

/**
 * Who may see a profile's images (see Security in the README). Checked against `access` by
 * {@linkcode checkAccessKeys}, so a key that would be ignored is an error.
 */
const accessProfileKeys = {
  access: z.enum(ACCESS_MODES).default("public").describe(
    "Who may see the images: `public` everyone; `token` holders of a token signed with the " +
      "profile's secret (`Authorization: Bearer` or the login cookie), with the IIIF " +
      "Authorization Flow 2.0 services in info.json; `ip` only `access_allow_ips`",
  ),
  access_secret_env: z.string().regex(ENV_NAME_REGEXP).default("TESSERA_ACCESS_SECRET").describe(
    "`token`: the environment variable holding the secret tokens are signed with (at least " +
      "32 characters; the server does not start without it)",
  ),
  access_allow_ips: z.array(z.string().refine(isIpRange, "expected an IP address or CIDR range"))
    .default([]).describe(
      "`token`/`ip`: client addresses or CIDR ranges (IPv4 and IPv6) let in without a token, " +
        "e.g. a reading room's `192.0.2.0/24`",
    ),
  access_max_unauthorized_size: positiveInt.nullable().default(null).describe(
    "`token`/`ip`: clients without access still get the image scaled so its longer side is at " +
      "most this many pixels (info.json advertises the cap); null refuses them (401/403)",
  ),
  access_service_url: httpUrl.nullable().default(null).describe(
    "`token`: the login page of the IIIF access service, which must end by sending the browser " +
      "to `/auth/{profile}/cookie?token=…`; null uses Tessera's own page, where a token is pasted",
  ),
  access_label: z.string().min(1).default("Log in to see this image in full").describe(
    "`token`: the login button's label that IIIF viewers show",
  ),
  access_origins: z.array(z.string().refine(isOrigin, "expected an origin such as https://a.org"))
    .default([]).describe(
      "`token`: origins of the viewers the access token service hands tokens to; empty for any",
    ),
};

const ProfileSchema = z.strictObject({
  type: z.enum(PROFILE_TYPES).describe(
    "Profile type: `disk` serves the files under `<source_path>/<name>/`; `web` fetches each " +
      "image once from `url` and `trusted_web` from the URL its name encodes (urlsafe base64), " +
      "both keeping it under `<source_path>/<name>/`; `s3` reads the objects of `bucket` by " +
      "byte ranges, keeping nothing",
  ),
  ...profileCommon,
  ...remoteProfileKeys,
  ...s3ProfileKeys,
  ...accessProfileKeys,
}).superRefine(checkProfileType).superRefine(checkAccessKeys);

/** Where derivatives are cached: this machine's disk, or a Redis server instances share. */
const DERIVATIVE_CACHE_TYPES = ["disk", "redis"] as const;
const REDIS_URL_EXPECTED = "expected redis://host[:port][/db]";

const DerivativeCacheSchema = z.strictObject({
  type: z.enum(DERIVATIVE_CACHE_TYPES).default("disk").describe(
    "`disk` keeps derivatives under `cache_path` (bounded by `derivative_cache_max_bytes`); " +
      "`redis` keeps them in Redis, shared by every instance using the same `url` and " +
      "`key_prefix` (see Shared cache (Redis))",
  ),
  url: z.string().refine(isRedisUrl, REDIS_URL_EXPECTED)
    .nullable().default(null).describe(
      "`redis` (required there): `redis://[[user]:password@]host[:port][/db]`",
    ),
  password_env: z.string().regex(ENV_NAME_REGEXP).nullable().default(null).describe(
    "`redis`: the environment variable holding the password (it wins over one in `url`); " +
      "null uses the URL's",
  ),
  max_bytes: positiveInt.default(1073741824).describe(
    "`redis`: bytes of derivatives kept in Redis over all instances, least recently used " +
      "evicted first; entries over 8 MiB are not shared",
  ),
  ttl: nonNegativeInt.default(604800).describe(
    "`redis`: seconds an entry nobody asks for stays in Redis; 0 keeps it until evicted",
  ),
  key_prefix: z.string().min(1).default("tessera:").describe(
    "`redis`: prepended to every key, so deployments can share one Redis without sharing entries",
  ),
  timeout_ms: positiveInt.default(500).describe(
    "`redis`: milliseconds to connect or to wait for a reply; a slower Redis counts as a miss " +
      "and is retried after a back-off",
  ),
}).superRefine(checkDerivativeCacheType);

/**
 * The whole configuration file. Keys are snake_case as written in YAML; every key except a
 * profile's `type` has a default, so an empty file is a valid configuration.
 */
export const ConfigSchema = z.strictObject({
  host: z.string().min(1).default("127.0.0.1").describe("Address the HTTP server listens on"),
  port: z.int().min(0).max(65535).default(8080).describe(
    "TCP port the HTTP server listens on; 0 picks a free port",
  ),
  tls: z.strictObject({
    cert_file: z.string().min(1).describe(
      "PEM certificate chain, relative to the config file; read at start",
    ),
    key_file: z.string().min(1).describe("PEM private key, relative to the config file"),
  }).nullable().default(null).describe(
    "Serve HTTPS, with HTTP/2 offered by ALPN; null serves plain HTTP/1.1 (behind a proxy that " +
      "terminates TLS)",
  ),
  base_url: httpUrl.refine((url) => !url.endsWith("/"), 'expected no trailing "/"')
    .nullable().default(null).describe(
      "Public URL prefix of the service, used in info.json ids; null builds it from the " +
        "request's Host and X-Forwarded-Proto/X-Forwarded-Host headers",
    ),
  source_path: z.string().min(1).default("./images").describe(
    "Directory holding one sub-directory per profile: a disk profile's images, or what a web " +
      "profile fetched; relative to the config file",
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
  http_listeners: positiveInt.max(64).default(1).describe(
    "Threads answering HTTP on the port, each with its connections from start to end (the kernel " +
      "spreads them): above 1, more than one core parses requests, cuts edge tiles and sends " +
      "bodies. The image workers, `queue_limit` and the memory cache are shared out among them " +
      "(each gets at least two workers); the derivative cache, metrics and purges stay one",
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
    "Bytes of encoded images kept on disk under `cache_path` (with `derivative_cache.type: " +
      "disk`); 0 disables the derivative cache",
  ),
  derivative_cache_memory_bytes: nonNegativeInt.default(67108864).describe(
    "Bytes of the most requested derivatives also kept in memory in front of the disk " +
      "derivative cache, each for at most 10 s (so a `tessera purge` from another process shows " +
      "within that time); 0 disables it, as do a disabled or a Redis derivative cache",
  ),
  derivative_cache: DerivativeCacheSchema.prefault({}).describe(
    "Where encoded images are cached: on disk (the default) or in Redis, shared by instances",
  ),
  admin_token_env: z.string().regex(ENV_NAME_REGEXP).default("TESSERA_ADMIN_TOKEN").describe(
    "The environment variable holding the bearer token of `DELETE /cache/{identifier}`; " +
      "while it is unset or empty that route answers 404",
  ),
  log_level: z.enum(LOG_LEVELS).default("info").describe(
    "Request log lines (JSON on stdout): `info` every request, `warn` 4xx and 5xx answers, " +
      "`error` 5xx only (always logged, with their cause); a profile may set its own",
  ),
  max_width: positiveInt.default(10000).describe("Largest output width, advertised as maxWidth"),
  max_height: positiveInt.default(10000).describe("Largest output height, advertised as maxHeight"),
  max_area: positiveInt.default(100000000).describe(
    "Largest output area in pixels, advertised as maxArea",
  ),
  max_source_bytes: positiveInt.default(17179869184).describe(
    "Largest source file, in bytes, served at all; checked from the file size before its " +
      "header is read, larger ones get 422",
  ),
  max_source_pixels: positiveInt.default(17179869184).describe(
    "Largest source, in pixels (width × height from its header), served at all; larger ones " +
      "get 422 before any pixel is decoded",
  ),
  max_decoded_pixels: positiveInt.default(250000000).describe(
    "Largest JPEG, PNG, GIF or WebP source, in pixels: these are decoded whole (4 bytes a " +
      "pixel), unlike TIFF and JPEG 2000, which are read by region; larger ones get 422",
  ),
  job_timeout_ms: nonNegativeInt.default(60000).describe(
    "Milliseconds an image job may run before it is abandoned with 503 and its worker is " +
      "replaced; 0 for no limit",
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
  client_ip_header: z.string().regex(HEADER_NAME_REGEXP).nullable().default(null).describe(
    "Behind a proxy, the request header holding the client's address for `access_allow_ips`, " +
      "e.g. `X-Forwarded-For` (its last address, the one the proxy saw); null uses the " +
      "connection's address",
  ),
  max_http_fetches: positiveInt.default(8).describe(
    "Downloads of `web` and `trusted_web` sources running at once, over all profiles; " +
      "more wait their turn",
  ),
  default_profile: z.string().nullable().default(null).describe(
    "Profile serving identifiers without a profile prefix; null requires the prefix",
  ),
  thumbnail_width: positiveInt.default(200).describe(
    "Width of the JPEG served at `/{identifier}/thumbnail` (never wider than the image)",
  ),
  preview_width: positiveInt.default(1024).describe(
    "Width of the JPEG served at `/{identifier}/preview` (never wider than the image)",
  ),
  dzi_tile_size: z.int().min(16).default(254).describe(
    "Tile width and height, overlap excluded, of the DeepZoom pyramids at `/dzi/`",
  ),
  dzi_overlap: nonNegativeInt.default(1).describe(
    "Pixels each DeepZoom tile repeats of its neighbours on every inner edge",
  ),
  dzi_format: z.enum(["jpg", "png"]).default("jpg").describe(
    "Tile format a `.dzi` descriptor names (tiles are served in either)",
  ),
  download_max_files: positiveInt.default(20).describe(
    "Most originals one `/originals/zip?ids=…` request may bundle; more are refused with 400",
  ),
  profiles: z.record(
    z.string().regex(PROFILE_NAME_REGEXP),
    ProfileSchema,
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

/** `s3` keys whose default (null, or `""`) tells whether they were set. */
const S3_ONLY_KEYS = ["bucket", "endpoint", "force_path_style", "prefix"] as const;

/** The keys {@linkcode checkProfileType} looks at. */
interface TypedKeys {
  type: (typeof PROFILE_TYPES)[number];
  url: string | null;
  regex: string | null;
  bucket: string | null;
  endpoint: string | null;
  force_path_style: boolean | null;
  prefix: string;
}

/**
 * A `web` profile needs a `url` template, a `trusted_web` profile a `regex` and an `s3` profile
 * a `bucket`; none of these keys (nor the other `s3` keys without a usable default) belongs on
 * another type, where it would be silently ignored.
 */
function checkProfileType(profile: TypedKeys, context: z.RefinementCtx): void {
  checkRemoteKeys(profile, context);
  checkS3Keys(profile, context);
}

function checkS3Keys(profile: TypedKeys, context: z.RefinementCtx): void {
  if (profile.type === "s3") {
    if (profile.bucket === null) addIssue(context, "bucket", null, "expected a bucket name");
    return;
  }
  for (const key of S3_ONLY_KEYS) {
    const value = profile[key];
    if (value !== null && value !== "") addIssue(context, key, value, unusedOn(profile.type, "s3"));
  }
}

function checkRemoteKeys(profile: TypedKeys, context: z.RefinementCtx): void {
  const { type, url, regex } = profile;
  if (type === "web" && !isUrlTemplate(url)) {
    addIssue(context, "url", url, 'expected an http or https URL containing "{name}"');
  }
  if (type !== "web" && url !== null) addIssue(context, "url", url, unusedOn(type, "web"));
  if (type === "trusted_web" && regex === null) {
    addIssue(context, "regex", regex, "expected a regular expression");
  }
  if (type !== "trusted_web" && regex !== null) {
    addIssue(context, "regex", regex, unusedOn(type, "trusted_web"));
  }
}

function unusedOn(type: string, user: string): string {
  return `expected nothing on a "${type}" profile (only "${user}" profiles use it)`;
}

function isUrlTemplate(url: string | null): boolean {
  return url !== null && url.includes("{name}") &&
    httpUrl.safeParse(url.replaceAll("{name}", "name")).success;
}

/** The flag must match the one `trusted_web` profiles compile their `regex` with. */
function checkRegExp(source: string, context: z.RefinementCtx): void {
  try {
    new RegExp(source, "u");
  } catch (error) {
    context.addIssue({
      code: "custom",
      input: source,
      message: `expected a regular expression (${(error as Error).message})`,
    });
  }
}

/** The keys {@linkcode checkAccessKeys} looks at. */
interface AccessKeys {
  access: (typeof ACCESS_MODES)[number];
  access_allow_ips: string[];
  access_max_unauthorized_size: number | null;
  access_service_url: string | null;
  access_origins: string[];
}

/**
 * An `ip` profile needs addresses to let in; a `public` profile takes no access keys, and an
 * `ip` profile none of the login flow's, since nothing would read them.
 */
function checkAccessKeys(profile: AccessKeys, context: z.RefinementCtx): void {
  const { access } = profile;
  if (access === "ip" && profile.access_allow_ips.length === 0) {
    addIssue(context, "access_allow_ips", [], "expected at least one address for access: ip");
  }
  const unused = access === "public"
    ? (["access_allow_ips", "access_max_unauthorized_size"] as const)
    : [];
  const flow = access === "token" ? [] : (["access_service_url", "access_origins"] as const);
  for (const key of [...unused, ...flow]) {
    const value = profile[key];
    if (value !== null && !(Array.isArray(value) && value.length === 0)) {
      addIssue(context, key, value, `expected nothing on an access: ${access} profile`);
    }
  }
}

function isIpRange(text: string): boolean {
  return parseIpRange(text) !== undefined;
}

/** `scheme://host[:port]` exactly as `URL.origin` writes it, http or https. */
function isOrigin(text: string): boolean {
  const url = URL.parse(text);
  return url !== null && HTTP_PROTOCOL_REGEXP.test(url.protocol.slice(0, -1)) &&
    url.origin === text;
}

function isRedisUrl(text: string): boolean {
  return parseRedisUrl(text) !== undefined;
}

/** A `redis` cache needs a `url`; a `disk` cache takes neither it nor `password_env`. */
function checkDerivativeCacheType(
  cache: {
    type: (typeof DERIVATIVE_CACHE_TYPES)[number];
    url: string | null;
    password_env: string | null;
  },
  context: z.RefinementCtx,
): void {
  if (cache.type === "redis") {
    if (cache.url === null) addIssue(context, "url", null, REDIS_URL_EXPECTED);
    return;
  }
  for (const key of ["url", "password_env"] as const) {
    const value = cache[key];
    if (value !== null) addIssue(context, key, value, 'expected nothing with type "disk"');
  }
}

function addIssue(context: z.RefinementCtx, key: string, input: unknown, message: string): void {
  context.addIssue({ code: "custom", path: [key], input, message });
}

/** The validated configuration, with `source_path` and `cache_path` absolute after loading. */
export type Config = z.infer<typeof ConfigSchema>;

/** Which answers get a request log line. */
export type LogLevel = Config["log_level"];

/** One entry of `profiles`. */
export type ProfileConfig = Config["profiles"][string];
