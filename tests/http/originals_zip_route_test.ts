import assert from "node:assert/strict";
import { vips } from "../codecs/_vips.ts";
import { withDiskApp } from "./_disk_app.ts";

async function setup(sourcePath: string): Promise<void> {
  await Deno.mkdir(`${sourcePath}/pub/2019`);
  await vips("gaussnoise", `${sourcePath}/pub/a.png`, "120", "80");
  await vips("gaussnoise", `${sourcePath}/pub/2019/A.png`, "90", "60");
  await vips("gaussnoise", `${sourcePath}/pub/b.jpg`, "64", "64");
  await vips("copy", `${sourcePath}/pub/b.jpg`, `${sourcePath}/priv/b.jpg`);
}

async function unzip(root: string, zip: Uint8Array, ...args: string[]): Promise<string> {
  await Deno.writeFile(`${root}/got.zip`, zip);
  const output = await new Deno.Command("unzip", { args: [...args, "got.zip"], cwd: root })
    .output();
  assert.ok(output.success, new TextDecoder().decode(output.stderr));
  return new TextDecoder().decode(output.stdout);
}

Deno.test("originalsZipRoute() streams a zip of the originals, named safely and uniquely", async () => {
  await withDiskApp({ setup }, async (app) => {
    const response = await app.request("/originals/zip?ids=a.png,pub:2019%2FA.png,b.jpg");
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/zip");
    assert.match(response.headers.get("content-disposition")!, /filename="originals.zip"/);
    const zip = new Uint8Array(await response.arrayBuffer());
    assert.equal(response.headers.get("content-length"), String(zip.byteLength));
    assert.match(await unzip(app.root, zip, "-t"), /No errors detected/);
    await unzip(app.root, zip, "-q", "-d", "out");
    const expected = { "a.png": "a.png", "A (2).png": "2019/A.png", "b.jpg": "b.jpg" };
    for (const [entry, source] of Object.entries(expected)) {
      assert.deepEqual(
        await Deno.readFile(`${app.root}/out/${entry}`),
        await Deno.readFile(`${app.sourcePath}/pub/${source}`),
        entry,
      );
    }
  });
});

Deno.test("originalsZipRoute() refuses bad lists before sending anything", async () => {
  await withDiskApp({ setup, config: { download_max_files: 2 } }, async (app) => {
    const cases = [
      { query: "ids=a.png,b.jpg,pub:2019%2FA.png", status: 400, message: /at most 2/ },
      { query: "ids=a.png,a.png", status: 400, message: /twice/ },
      { query: "", status: 400, message: /one "ids"/ },
      { query: "ids=", status: 400, message: /empty/ },
      { query: "ids=a%ZZ", status: 400, message: /percent-encoding/ },
      { query: "ids=a.png,missing.png", status: 404, message: /"missing.png"/ },
      { query: "ids=a.png,priv:b.jpg", status: 403, message: /does not offer originals/ },
    ];
    for (const { query, status, message } of cases) {
      const response = await app.request(`/originals/zip?${query}`);
      assert.equal(response.status, status, query);
      assert.match(await response.text(), message, query);
    }
  });
});
