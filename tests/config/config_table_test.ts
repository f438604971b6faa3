import assert from "node:assert/strict";
import { ConfigSchema, renderConfigTable } from "../../src/config/mod.ts";
import { configTableRows } from "./_config_table_rows.ts";

const PROFILE_KEYS = [
  "type",
  "rights",
  "cache_for",
  "info_json_cache_size",
  "convert_quality",
  "convert_subsampling",
  "listable",
  "log_level",
  "downloadable",
  "watermark",
  "watermark.image",
  "watermark.opacity",
  "watermark.min_width",
  "watermark.min_height",
  "url",
  "regex",
  "timeout_ms",
  "max_bytes",
  "max_redirects",
  "allow_private_networks",
  "bucket",
  "prefix",
  "endpoint",
  "region",
  "force_path_style",
  "access_key_id_env",
  "secret_access_key_env",
  "session_token_env",
  "access",
  "access_secret_env",
  "access_allow_ips",
  "access_max_unauthorized_size",
  "access_service_url",
  "access_label",
  "access_origins",
];

/** The keys of the top-level mappings, listed right after them. */
const NESTED_KEYS: Record<string, string[]> = {
  tls: ["cert_file", "key_file"],
  derivative_cache: ["type", "url", "password_env", "max_bytes", "ttl", "key_prefix", "timeout_ms"],
};

Deno.test("renderConfigTable() has one row per schema key, top level then profile keys", () => {
  const expected = [
    ...Object.keys(ConfigSchema.shape).flatMap((key) => [
      key,
      ...(NESTED_KEYS[key] ?? []).map((nested) => `${key}.${nested}`),
    ]),
    ...PROFILE_KEYS.map((key) => `profiles.<name>.${key}`),
  ];
  assert.deepEqual(configTableRows().map((row) => row.key), expected);
});

Deno.test("renderConfigTable() gives every key a description and a default", () => {
  for (const row of configTableRows()) {
    assert.notEqual(row.description, "", `${row.key} has no description`);
    // A watermark's image and the TLS files are required once their (null by default) mapping
    // is given.
    const required = [
      "profiles.<name>.type",
      "profiles.<name>.watermark.image",
      "tls.cert_file",
      "tls.key_file",
    ].includes(row.key);
    assert.equal(row.default === "required", required, `${row.key} default: ${row.default}`);
  }
});

Deno.test("renderConfigTable() describes types, bounds and defaults", () => {
  const rows = new Map(configTableRows().map((row) => [row.key, row]));
  const cells = (key: string) => {
    const row = rows.get(key);
    return row && [row.type, row.default];
  };
  assert.deepEqual(cells("port"), ["integer 0–65535", "`8080`"]);
  assert.deepEqual(cells("host"), ["string", '`"127.0.0.1"`']);
  assert.deepEqual(cells("base_url"), ["http(s) URL or null", "`null`"]);
  assert.deepEqual(cells("tile_width"), ["integer ≥ 64", "`512`"]);
  assert.deepEqual(cells("allow_upscaling"), ["boolean", "`true`"]);
  assert.deepEqual(cells("profiles"), ["mapping", "`{}`"]);
  assert.deepEqual(cells("profiles.<name>.type"), [
    'one of "disk", "web", "trusted_web", "s3"',
    "required",
  ]);
  assert.deepEqual(cells("profiles.<name>.url"), ["string or null", "`null`"]);
  assert.deepEqual(cells("profiles.<name>.max_redirects"), ["integer 0–20", "`5`"]);
  assert.deepEqual(cells("max_http_fetches"), ["integer ≥ 1", "`8`"]);
  assert.deepEqual(cells("profiles.<name>.convert_subsampling"), [
    'one of "420", "422", "444"',
    '`"420"`',
  ]);
});

Deno.test("renderConfigTable() labels the CPU-count default instead of this machine's value", () => {
  const row = configTableRows().find((row) => row.key === "image_pool_size");
  assert.equal(row?.default, "number of CPU cores");
});

Deno.test("renderConfigTable() pads every line to the same width", () => {
  const widths = new Set(renderConfigTable().split("\n").map((line) => line.length));
  assert.equal(widths.size, 1);
});
