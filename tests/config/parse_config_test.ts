import assert from "node:assert/strict";
import { type Config, ConfigError, parseConfig } from "../../src/config/mod.ts";

const ORIGIN = { file: "/etc/tessera/tessera.yml", baseDir: "/etc/tessera" };

const DEFAULTS: Config = {
  host: "127.0.0.1",
  port: 8080,
  tls: null,
  base_url: null,
  source_path: "/etc/tessera/images",
  cache_path: "/etc/tessera/cache",
  min_sizes_size: 200,
  tile_width: 512,
  http_listeners: 1,
  image_pool_size: navigator.hardwareConcurrency,
  queue_limit: 64,
  image_cache_size_per_worker: 268435456,
  gpu: "auto",
  gpu_cache_bytes: 268435456,
  gpu_job_timeout_ms: 10000,
  derivative_cache_max_bytes: 1073741824,
  derivative_cache_memory_bytes: 67108864,
  derivative_cache: {
    type: "disk",
    url: null,
    password_env: null,
    max_bytes: 1073741824,
    ttl: 604800,
    key_prefix: "tessera:",
    timeout_ms: 500,
  },
  admin_token_env: "TESSERA_ADMIN_TOKEN",
  log_level: "info",
  max_width: 10000,
  max_height: 10000,
  max_area: 100000000,
  max_source_bytes: 17179869184,
  max_source_pixels: 17179869184,
  max_decoded_pixels: 250000000,
  job_timeout_ms: 60000,
  allow_upscaling: true,
  jpeg_quality: 85,
  bitonal_threshold: 128,
  cors_origin: "*",
  client_ip_header: null,
  max_http_fetches: 8,
  default_profile: null,
  thumbnail_width: 200,
  preview_width: 1024,
  dzi_tile_size: 254,
  dzi_overlap: 1,
  dzi_format: "jpg",
  download_max_files: 20,
  profiles: {},
};

const REMOTE_DEFAULTS = {
  url: null,
  regex: null,
  timeout_ms: 30000,
  max_bytes: 268435456,
  max_redirects: 5,
  allow_private_networks: false,
  bucket: null,
  prefix: "",
  endpoint: null,
  region: "us-east-1",
  force_path_style: null,
  access_key_id_env: "AWS_ACCESS_KEY_ID",
  secret_access_key_env: "AWS_SECRET_ACCESS_KEY",
  session_token_env: "AWS_SESSION_TOKEN",
};

const ACCESS_DEFAULTS = {
  access: "public",
  access_secret_env: "TESSERA_ACCESS_SECRET",
  access_allow_ips: [],
  access_max_unauthorized_size: null,
  access_service_url: null,
  access_label: "Log in to see this image in full",
  access_origins: [],
};

function problemsOf(data: unknown): readonly string[] {
  try {
    parseConfig(data, ORIGIN);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.file, ORIGIN.file);
    return error.problems;
  }
  assert.fail("parseConfig() accepted invalid data");
}

Deno.test("parseConfig() fills every default for an empty document", () => {
  assert.deepEqual(parseConfig(null, ORIGIN), DEFAULTS);
  assert.deepEqual(parseConfig({}, ORIGIN), DEFAULTS);
});

Deno.test("parseConfig() fills every profile default for a minimal disk profile", () => {
  const config = parseConfig(
    { port: 9000, default_profile: "photos", profiles: { photos: { type: "disk" } } },
    ORIGIN,
  );
  assert.deepEqual(config, {
    ...DEFAULTS,
    port: 9000,
    default_profile: "photos",
    profiles: {
      photos: {
        type: "disk",
        rights: null,
        cache_for: 86400,
        info_json_cache_size: 1000,
        convert_quality: null,
        convert_subsampling: "420",
        listable: false,
        log_level: null,
        downloadable: false,
        watermark: null,
        ...REMOTE_DEFAULTS,
        ...ACCESS_DEFAULTS,
      },
    },
  });
});

Deno.test("parseConfig() fills the remote defaults of web and trusted_web profiles", () => {
  const config = parseConfig({
    max_http_fetches: 2,
    profiles: {
      nhm: { type: "web", url: "https://data.example.org/media/{name}" },
      links: { type: "trusted_web", regex: "https://images\\.example\\.org/.+" },
    },
  }, ORIGIN);
  assert.equal(config.max_http_fetches, 2);
  const { nhm, links } = config.profiles;
  assert.deepEqual(
    [nhm.type, nhm.url, nhm.regex, links.type, links.url, links.regex],
    [
      "web",
      "https://data.example.org/media/{name}",
      null,
      "trusted_web",
      null,
      "https://images\\.example\\.org/.+",
    ],
  );
  for (const profile of [nhm, links]) {
    assert.deepEqual(
      [
        profile.timeout_ms,
        profile.max_bytes,
        profile.max_redirects,
        profile.allow_private_networks,
      ],
      [30000, 268435456, 5, false],
    );
  }
});

Deno.test("parseConfig() keeps remote limits and a url with {name} in the query", () => {
  const config = parseConfig({
    profiles: {
      nhm: {
        type: "web",
        url: "http://10.0.0.5:8080/get?id={name}&full=1",
        timeout_ms: 500,
        max_bytes: 1,
        max_redirects: 0,
        allow_private_networks: true,
      },
    },
  }, ORIGIN);
  const { nhm } = config.profiles;
  assert.deepEqual(
    [nhm.url, nhm.timeout_ms, nhm.max_bytes, nhm.max_redirects, nhm.allow_private_networks],
    ["http://10.0.0.5:8080/get?id={name}&full=1", 500, 1, 0, true],
  );
});

Deno.test("parseConfig() keeps valid non-default values", () => {
  const data = {
    host: "0.0.0.0",
    port: 0,
    base_url: "https://images.example.org/iiif",
    derivative_cache_max_bytes: 0,
    profiles: {
      "Maps_2-b": {
        type: "disk",
        rights: "http://rightsstatements.org/vocab/InC/1.0/",
        convert_quality: 100,
        convert_subsampling: "444",
      },
    },
  };
  const config = parseConfig(data, ORIGIN);
  assert.equal(config.port, 0);
  assert.equal(config.base_url, "https://images.example.org/iiif");
  assert.equal(config.derivative_cache_max_bytes, 0);
  assert.equal(config.profiles["Maps_2-b"].convert_quality, 100);
  assert.equal(config.profiles["Maps_2-b"].convert_subsampling, "444");
});

Deno.test("parseConfig() keeps a redis derivative cache with its defaults", () => {
  const url = "redis://:s3cret@cache.internal:6380/2";
  const config = parseConfig({ derivative_cache: { type: "redis", url, ttl: 0 } }, ORIGIN);
  assert.deepEqual(config.derivative_cache, {
    ...DEFAULTS.derivative_cache,
    type: "redis",
    url,
    ttl: 0,
  });
});

Deno.test("parseConfig() resolves relative paths against the base directory", () => {
  const config = parseConfig(
    { source_path: "../srv/images", cache_path: "/var/cache/tessera" },
    { file: "/opt/tessera/etc/tessera.yml", baseDir: "/opt/tessera/etc" },
  );
  assert.equal(config.source_path, "/opt/tessera/srv/images");
  assert.equal(config.cache_path, "/var/cache/tessera");
});

const disk = (fields: Record<string, unknown>) => ({
  profiles: { photos: { type: "disk", ...fields } },
});

const redis = (fields: Record<string, unknown>) => ({
  derivative_cache: { type: "redis", ...fields },
});
const web = (fields: Record<string, unknown>) => ({
  profiles: { nhm: { type: "web", url: "https://data.example.org/media/{name}", ...fields } },
});

const REJECTED: readonly [name: string, data: unknown, problems: readonly string[]][] = [
  ["an unknown top-level key", { colour: "red" }, ["colour: unknown key"]],
  ["an unknown profile key", disk({ cache: 1 }), ["profiles.photos.cache: unknown key"]],
  ["a wrong type", disk({ cache_for: "1d" }), [
    'profiles.photos.cache_for: expected a number, received "1d"',
  ]],
  ["a non-integer", { port: 80.5 }, ["port: expected an integer, received 80.5"]],
  ["a null for a number", { port: null }, ["port: expected a number, received null"]],
  ["a string for a boolean", { allow_upscaling: "yes" }, [
    'allow_upscaling: expected true or false, received "yes"',
  ]],
  ["port 70000", { port: 70000 }, ["port: expected at most 65535, received 70000"]],
  ["jpeg_quality 0", { jpeg_quality: 0 }, ["jpeg_quality: expected at least 1, received 0"]],
  ["bitonal_threshold 256", { bitonal_threshold: 256 }, [
    "bitonal_threshold: expected at most 255, received 256",
  ]],
  ["tile_width 32", { tile_width: 32 }, ["tile_width: expected at least 64, received 32"]],
  ["a negative byte count", { derivative_cache_max_bytes: -1 }, [
    "derivative_cache_max_bytes: expected at least 0, received -1",
  ]],
  ["a redis cache without url", { derivative_cache: { type: "redis" } }, [
    "derivative_cache.url: expected redis://host[:port][/db], received null",
  ]],
  ["a redis url that is not redis:", { derivative_cache: { type: "redis", url: "http://h" } }, [
    'derivative_cache.url: expected redis://host[:port][/db], received "http://h"',
  ]],
  ["a redis url whose path is no database", redis({ url: "redis://h:6379/cache" }), [
    'derivative_cache.url: expected redis://host[:port][/db], received "redis://h:6379/cache"',
  ]],
  ["a redis url with a malformed escape", redis({ url: "redis://:%ZZ@h" }), [
    'derivative_cache.url: expected redis://host[:port][/db], received "redis://:%ZZ@h"',
  ]],
  ["a url on a disk cache", { derivative_cache: { url: "redis://h" } }, [
    'derivative_cache.url: expected nothing with type "disk", received "redis://h"',
  ]],
  ["a password_env on a disk cache", { derivative_cache: { password_env: "PW" } }, [
    'derivative_cache.password_env: expected nothing with type "disk", received "PW"',
  ]],
  ["a redis max_bytes of 0", redis({ url: "redis://h", max_bytes: 0 }), [
    "derivative_cache.max_bytes: expected at least 1, received 0",
  ]],
  ["an empty host", { host: "" }, ['host: expected at least 1 character, received ""']],
  ["a base_url that is no URL", { base_url: "images.example.org" }, [
    'base_url: expected an http or https URL, received "images.example.org"',
  ]],
  ["a base_url that is not http", { base_url: "ftp://example.org" }, [
    'base_url: expected an http or https URL, received "ftp://example.org"',
  ]],
  ["a base_url with a trailing slash", { base_url: "https://example.org/iiif/" }, [
    'base_url: expected no trailing "/", received "https://example.org/iiif/"',
  ]],
  ["a default_profile naming a missing profile", { ...disk({}), default_profile: "photoz" }, [
    'default_profile: expected a key of profiles ("photos"), received "photoz"',
  ]],
  ["a default_profile without profiles", { default_profile: "samples" }, [
    'default_profile: expected a key of profiles (none is defined), received "samples"',
  ]],
  ["a bad profile name", { profiles: { "my photos": { type: "disk" } } }, [
    'profiles: invalid key "my photos": expected a match for /^[A-Za-z0-9_-]+$/, ' +
    'received "my photos"',
  ]],
  ["an unknown profile type", { profiles: { ftp: { type: "ftp" } } }, [
    'profiles.ftp.type: expected one of "disk", "web", "trusted_web", "s3", received "ftp"',
  ]],
  ["a profile without type", { profiles: { photos: {} } }, [
    'profiles.photos.type: expected one of "disk", "web", "trusted_web", "s3", received nothing',
  ]],
  ["a web profile without url", { profiles: { nhm: { type: "web" } } }, [
    'profiles.nhm.url: expected an http or https URL containing "{name}", received null',
  ]],
  ["a web url without {name}", web({ url: "https://data.example.org/media/" }), [
    'profiles.nhm.url: expected an http or https URL containing "{name}", ' +
    'received "https://data.example.org/media/"',
  ]],
  ["a web url that is not http", web({ url: "ftp://data.example.org/{name}" }), [
    'profiles.nhm.url: expected an http or https URL containing "{name}", ' +
    'received "ftp://data.example.org/{name}"',
  ]],
  ["a web url with {name} as its port", web({ url: "https://data.example.org:{name}/" }), [
    'profiles.nhm.url: expected an http or https URL containing "{name}", ' +
    'received "https://data.example.org:{name}/"',
  ]],
  ["a url on a disk profile", disk({ url: "https://data.example.org/{name}" }), [
    'profiles.photos.url: expected nothing on a "disk" profile (only "web" profiles use it), ' +
    'received "https://data.example.org/{name}"',
  ]],
  ["a trusted_web profile without regex", { profiles: { links: { type: "trusted_web" } } }, [
    "profiles.links.regex: expected a regular expression, received null",
  ]],
  ["an invalid regex", { profiles: { links: { type: "trusted_web", regex: "https://(x" } } }, [
    "profiles.links.regex: expected a regular expression (Invalid regular expression: " +
    '/https://(x/u: Unterminated group), received "https://(x"',
  ]],
  ["an empty regex", { profiles: { links: { type: "trusted_web", regex: "" } } }, [
    'profiles.links.regex: expected at least 1 character, received ""',
  ]],
  ["a regex on a web profile", web({ regex: ".*" }), [
    'profiles.nhm.regex: expected nothing on a "web" profile (only "trusted_web" profiles use ' +
    'it), received ".*"',
  ]],
  ["timeout_ms 0", web({ timeout_ms: 0 }), [
    "profiles.nhm.timeout_ms: expected at least 1, received 0",
  ]],
  ["max_bytes 0", web({ max_bytes: 0 }), [
    "profiles.nhm.max_bytes: expected at least 1, received 0",
  ]],
  ["max_redirects 21", web({ max_redirects: 21 }), [
    "profiles.nhm.max_redirects: expected at most 20, received 21",
  ]],
  ["a string for allow_private_networks", web({ allow_private_networks: "yes" }), [
    'profiles.nhm.allow_private_networks: expected true or false, received "yes"',
  ]],
  ["max_http_fetches 0", { max_http_fetches: 0 }, [
    "max_http_fetches: expected at least 1, received 0",
  ]],
  ["an empty profile", { profiles: { photos: null } }, [
    "profiles.photos: expected a mapping, received null",
  ]],
  ["a bad subsampling", disk({ convert_subsampling: 411 }), [
    'profiles.photos.convert_subsampling: expected one of "420", "422", "444", received 411',
  ]],
  ["a list for profiles", { profiles: [] }, ["profiles: expected a mapping, received a list"]],
  ["a list as the document", ["port", 80], ["(top level): expected a mapping, received a list"]],
  ["a string as the document", "port 80", [
    '(top level): expected a mapping, received "port 80"',
  ]],
];

for (const [name, data, problems] of REJECTED) {
  Deno.test(`parseConfig() rejects ${name} with ConfigError`, () => {
    assert.deepEqual(problemsOf(data), problems);
  });
}

Deno.test("parseConfig() names the file and the key path in the message", () => {
  assert.throws(
    () => parseConfig({ profiles: { photos: { type: "disk", cache_for: "1d" } } }, ORIGIN),
    {
      name: "ConfigError",
      message: "Invalid config /etc/tessera/tessera.yml: profiles.photos.cache_for: " +
        'expected a number, received "1d"',
    },
  );
});

Deno.test("parseConfig() lists every problem, one per line", () => {
  const data = { port: 70000, colour: "red", size: 1, ...disk({ listable: "no" }) };
  assert.throws(() => parseConfig({ ...data, default_profile: "x" }, ORIGIN), {
    message: [
      "Invalid config /etc/tessera/tessera.yml: 5 problems",
      "  port: expected at most 65535, received 70000",
      '  profiles.photos.listable: expected true or false, received "no"',
      "  colour: unknown key",
      "  size: unknown key",
      '  default_profile: expected a key of profiles ("photos"), received "x"',
    ].join("\n"),
  });
});

Deno.test("parseConfig() resolves the TLS files against the config file's folder", () => {
  const config = parseConfig(
    { tls: { cert_file: "tls/cert.pem", key_file: "/keys/key.pem" } },
    ORIGIN,
  );
  assert.deepEqual(config.tls, {
    cert_file: "/etc/tessera/tls/cert.pem",
    key_file: "/keys/key.pem",
  });
  assert.throws(() => parseConfig({ tls: { cert_file: "cert.pem" } }, ORIGIN), /tls\.key_file/);
});
