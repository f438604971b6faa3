import assert from "node:assert/strict";
import { join } from "node:path";
import { ConfigError, loadConfig } from "../../src/config/mod.ts";

async function withConfigFile(
  text: string,
  test: (file: string, dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tessera_config_" });
  try {
    const file = join(dir, "tessera.yml");
    await Deno.writeTextFile(file, text);
    await test(file, dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("loadConfig() reads YAML and resolves paths against the file's directory", async () => {
  const text = "port: 9000\nsource_path: pictures\nprofiles:\n  photos:\n    type: disk\n";
  await withConfigFile(text, async (file, dir) => {
    const config = await loadConfig(file);
    assert.equal(config.port, 9000);
    assert.equal(config.source_path, join(dir, "pictures"));
    assert.equal(config.cache_path, join(dir, "cache"));
    assert.equal(config.profiles.photos.cache_for, 86400);
  });
});

Deno.test("loadConfig() takes an empty file as all defaults", async () => {
  await withConfigFile("# nothing set\n", async (file) => {
    const config = await loadConfig(file);
    assert.equal(config.port, 8080);
    assert.deepEqual(config.profiles, {});
  });
});

Deno.test("loadConfig() rejects a YAML syntax error with ConfigError naming file and line", async () => {
  await withConfigFile("port: 8080\nport: 9090\n", async (file) => {
    await assert.rejects(loadConfig(file), {
      name: "ConfigError",
      message: `Invalid config ${file}: line 2, column 1: Map keys must be unique`,
    });
  });
});

Deno.test("loadConfig() rejects a schema problem with ConfigError naming file and key", async () => {
  const text = "profiles:\n  photos:\n    type: disk\n    cache_for: 1d\n";
  await withConfigFile(text, async (file) => {
    await assert.rejects(loadConfig(file), {
      name: "ConfigError",
      message: `Invalid config ${file}: profiles.photos.cache_for: ` +
        'expected a number, received "1d"',
    });
  });
});

Deno.test("loadConfig() rejects a missing file with ConfigError", async () => {
  await withConfigFile("", async (_file, dir) => {
    const missing = join(dir, "missing.yml");
    const error = await loadConfig(missing).then(() => undefined, (error: unknown) => error);
    assert.ok(error instanceof ConfigError);
    assert.equal(error.file, missing);
    assert.match(error.message, /^Invalid config .*missing\.yml: cannot be read: /);
    assert.ok(error.cause instanceof Deno.errors.NotFound);
  });
});
