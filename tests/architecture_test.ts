import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);
const IMPORT_REGEXP = /^\s*(?:import|export)\b[^"']*?from\s*["']([^"']+)["']/gm;

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of Deno.readDirSync(new URL(dir, ROOT))) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) files.push(...sourceFiles(path));
    else if (entry.name.endsWith(".ts")) files.push(path);
  }
  return files;
}

function importsOf(path: string): string[] {
  const text = Deno.readTextFileSync(new URL(path, ROOT));
  return [...text.matchAll(IMPORT_REGEXP)].map((match) => match[1]);
}

Deno.test("src/iiif is pure: no Deno, node:, HTTP or worker imports", () => {
  for (const file of sourceFiles("src/iiif")) {
    const text = Deno.readTextFileSync(new URL(file, ROOT));
    assert.ok(!/\bDeno\./.test(text), `${file} uses the Deno namespace`);
    for (const specifier of importsOf(file)) {
      assert.ok(!specifier.startsWith("node:"), `${file} imports ${specifier}`);
      assert.ok(
        !/\/(http|workers|cache|sources|config)\//.test(specifier),
        `${file} imports ${specifier}`,
      );
    }
  }
});

Deno.test("other folders import a folder only through its mod.ts", () => {
  for (
    const folder of [
      "src/http",
      "src/sources",
      "src/cache",
      "src/config",
      "src/gpu",
      "workers",
      "main.ts",
    ]
  ) {
    const files = folder.endsWith(".ts") ? [folder] : sourceFiles(folder);
    for (const file of files) {
      for (const specifier of importsOf(file)) {
        if (!specifier.startsWith("../") && !specifier.startsWith("./src/")) continue;
        // The project manifest (name, version) is data, not another folder's code.
        if (specifier.endsWith("/deno.json")) continue;
        assert.ok(
          specifier.endsWith("/mod.ts"),
          `${file} reaches into another folder: ${specifier}`,
        );
      }
    }
  }
});

Deno.test("no file is called utils", () => {
  for (const folder of ["src", "workers", "tests"]) {
    for (const file of sourceFiles(folder)) assert.ok(!/utils?\.ts$/.test(file), file);
  }
});
