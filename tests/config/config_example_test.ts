import assert from "node:assert/strict";
import { parse as parseYaml } from "yaml";
import { parseConfig } from "../../src/config/mod.ts";
import { configTableRows } from "./_config_table_rows.ts";

const EXAMPLE = new URL("../../config.example.yml", import.meta.url);
const ORIGIN = { file: EXAMPLE.pathname, baseDir: new URL(".", EXAMPLE).pathname };
const PROFILE = "photos";
/** Keys whose default depends on the machine: present in the example, but commented out. */
const COMMENTED_OUT = ["image_pool_size"];

/** Dotted key paths of a parsed YAML mapping, with profile names replaced by `<name>`. */
function keyPaths(data: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(data).flatMap(([key, value]) => {
    const path = prefix === "profiles." ? "profiles.<name>" : `${prefix}${key}`;
    const nested = typeof value === "object" && value !== null && !Array.isArray(value);
    return [path, ...(nested ? keyPaths(value as Record<string, unknown>, `${path}.`) : [])];
  }).filter((path) => path !== "profiles.<name>");
}

Deno.test("config.example.yml holds the defaults plus one disk profile", async () => {
  const example = parseConfig(parseYaml(await Deno.readTextFile(EXAMPLE)), ORIGIN);
  const expected = parseConfig({
    profiles: {
      [PROFILE]: {
        type: "disk",
        rights: "https://creativecommons.org/licenses/by/4.0/",
        listable: true,
      },
    },
  }, ORIGIN);
  assert.deepEqual(example, expected);
});

Deno.test("config.example.yml mentions every configuration key", async () => {
  const text = await Deno.readTextFile(EXAMPLE);
  const written = keyPaths(parseYaml(text));
  const schemaKeys = configTableRows().map((row) => row.key);
  assert.deepEqual(written, schemaKeys.filter((key) => !COMMENTED_OUT.includes(key)));
  for (const key of COMMENTED_OUT) {
    assert.match(text, new RegExp(`^# ${key}: `, "m"), `${key} is not in the example`);
  }
});
