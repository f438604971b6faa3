import assert from "node:assert/strict";
import { parse as parseYaml } from "yaml";
import { parseConfig } from "../../src/config/mod.ts";
import { configTableRows } from "./_config_table_rows.ts";

const EXAMPLE = new URL("../../config.example.yml", import.meta.url);
const ORIGIN = { file: EXAMPLE.pathname, baseDir: new URL(".", EXAMPLE).pathname };
/**
 * Keys shown only in comments, with the line that shows each: one whose default depends on the
 * machine, and the files of TLS and of a watermark, which a copied example must not require.
 */
const COMMENTED_OUT: Record<string, RegExp> = {
  image_pool_size: /^# image_pool_size: /m,
  "tls.cert_file": /^# {3}cert_file: /m,
  "tls.key_file": /^# {3}key_file: /m,
  "profiles.<name>.watermark.image": /^ {4}# {3}image: /m,
  "profiles.<name>.watermark.opacity": /^ {4}# {3}opacity: /m,
  "profiles.<name>.watermark.min_width": /^ {4}# {3}min_width: /m,
  "profiles.<name>.watermark.min_height": /^ {4}# {3}min_height: /m,
};

/** Dotted key paths of a parsed YAML mapping, with profile names replaced by `<name>`. */
function keyPaths(data: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(data).flatMap(([key, value]) => {
    const path = prefix === "profiles." ? "profiles.<name>" : `${prefix}${key}`;
    const nested = typeof value === "object" && value !== null && !Array.isArray(value);
    return [path, ...(nested ? keyPaths(value as Record<string, unknown>, `${path}.`) : [])];
  }).filter((path) => path !== "profiles.<name>");
}

Deno.test("config.example.yml holds the defaults plus one profile of each type", async () => {
  const example = parseConfig(parseYaml(await Deno.readTextFile(EXAMPLE)), ORIGIN);
  const expected = parseConfig({
    profiles: {
      photos: {
        type: "disk",
        rights: "https://creativecommons.org/licenses/by/4.0/",
        listable: true,
      },
      remote: { type: "web", url: "https://images.example.org/files/{name}" },
      links: { type: "trusted_web", regex: "https://images\\.example\\.org/.+" },
      scans: { type: "s3", bucket: "museum-images", prefix: "tessera/" },
    },
  }, ORIGIN);
  assert.deepEqual(example, expected);
});

Deno.test("config.example.yml mentions every configuration key once per profile", async () => {
  const text = await Deno.readTextFile(EXAMPLE);
  const written = keyPaths(parseYaml(text));
  const schemaKeys = configTableRows().map((row) => row.key);
  // Each example profile shows the keys of its type; together they show every profile key.
  const distinct = [...new Set(written)];
  assert.deepEqual(
    distinct.toSorted(),
    schemaKeys.filter((key) => !Object.hasOwn(COMMENTED_OUT, key)).toSorted(),
  );
  const repeated = written.filter((key) => key !== "profiles.<name>.type");
  assert.equal(new Set(repeated).size, repeated.length, "no profile key is shown twice");
  for (const [key, line] of Object.entries(COMMENTED_OUT)) {
    assert.match(text, line, `${key} is not in the example`);
  }
});
