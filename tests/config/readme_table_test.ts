import assert from "node:assert/strict";
import { join } from "node:path";
import { renderConfigTable } from "../../src/config/mod.ts";

const START = "<!-- config-table:start -->";
const END = "<!-- config-table:end -->";

/** The trimmed text between the config-table markers of a Markdown file. */
async function readConfigTableBlock(path: string | URL): Promise<string> {
  const text = await Deno.readTextFile(path);
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  assert.ok(start >= 0 && end > start, `${path} has no ${START} … ${END} block`);
  return text.slice(start + START.length, end).trim();
}

Deno.test("renderConfigTable() matches the table in README.md", async () => {
  const block = await readConfigTableBlock(new URL("../../README.md", import.meta.url));
  assert.equal(block, renderConfigTable(), "Regenerate the README table from renderConfigTable()");
});

Deno.test("renderConfigTable() output survives deno fmt in a README unchanged", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tessera_readme_" });
  try {
    const readme = join(dir, "README.md");
    await Deno.writeTextFile(
      readme,
      `# Configuration\n\n${START}\n${renderConfigTable()}\n${END}\n`,
    );
    const fmt = new Deno.Command(Deno.execPath(), {
      args: ["fmt", "--config", new URL("../../deno.json", import.meta.url).pathname, readme],
      stdout: "null",
      stderr: "piped",
    });
    const { success, stderr } = await fmt.output();
    assert.ok(success, new TextDecoder().decode(stderr));
    assert.equal(await readConfigTableBlock(readme), renderConfigTable());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
