import assert from "node:assert/strict";
import { vips } from "../codecs/_vips.ts";
import { get, withServer } from "./server_fixture.ts";

/** Debian's libvips writes the sources: noise, so the zip below is several MB. */
async function sourceFiles(): Promise<Record<string, Uint8Array>> {
  const dir = await Deno.makeTempDir({ prefix: "tessera-originals-" });
  try {
    await vips("gaussnoise", `${dir}/wide.jpg`, "1600", "1200");
    await vips("gaussnoise", `${dir}/narrow.png`, "120", "300");
    await vips("gaussnoise", `${dir}/big.png`, "2000", "1600");
    const names = ["wide.jpg", "narrow.png", "big.png"];
    return Object.fromEntries(
      await Promise.all(names.map(async (name) => [name, await Deno.readFile(`${dir}/${name}`)])),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function jpegSize(body: Uint8Array): [number, number] {
  // Walk the markers to the first SOFn frame header.
  for (let at = 2; at < body.length;) {
    const marker = body[at + 1];
    const length = (body[at + 2] << 8) | body[at + 3];
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return [(body[at + 7] << 8) | body[at + 8], (body[at + 5] << 8) | body[at + 6]];
    }
    at += 2 + length;
  }
  throw new Error("No JPEG frame header");
}

Deno.test("thumbnails, previews and originals from a running server", async (t) => {
  const files = await sourceFiles();
  const config = {
    profiles: { test: { type: "disk", downloadable: true } },
    thumbnail_width: 200,
    preview_width: 1024,
  };
  await withServer({ files, config }, async (server) => {
    await t.step("thumbnail and preview are width-bounded JPEGs from the cache", async () => {
      const cases = [
        { path: "/wide.jpg/thumbnail", size: [200, 150] },
        { path: "/wide.jpg/preview", size: [1024, 768] },
        { path: "/narrow.png/thumbnail", size: [120, 300] },
      ];
      for (const { path, size } of cases) {
        const first = await get(server, path);
        assert.equal(first.response.status, 200, path);
        assert.equal(first.response.headers.get("content-type"), "image/jpeg");
        assert.deepEqual(jpegSize(first.body), size, path);
        assert.match(first.response.headers.get("server-timing")!, /cache;desc="miss"/);
        const second = await get(server, path);
        assert.match(second.response.headers.get("server-timing")!, /cache;desc="hit"/, path);
        assert.deepEqual(second.body, first.body);
      }
      // The same derivative through IIIF is the cached thumbnail.
      const iiif = await get(server, "/iiif/3/wide.jpg/full/200,/0/default.jpg");
      assert.match(iiif.response.headers.get("server-timing")!, /cache;desc="hit"/);
    });

    await t.step("an original resumes with a range request", async () => {
      const whole = await get(server, "/originals/big.png");
      assert.equal(whole.response.status, 200);
      assert.deepEqual(whole.body, files["big.png"]);
      const size = files["big.png"].byteLength;
      const tail = await get(server, "/originals/big.png", {
        headers: {
          range: `bytes=${size - 1000}-`,
          "if-range": whole.response.headers.get("etag")!,
        },
      });
      assert.equal(tail.response.status, 206);
      assert.equal(
        tail.response.headers.get("content-range"),
        `bytes ${size - 1000}-${size - 1}/${size}`,
      );
      assert.deepEqual(tail.body, files["big.png"].subarray(size - 1000));
    });

    await t.step("a zip of several MB streams and passes unzip and python's zipfile", async () => {
      const { response, body } = await get(
        server,
        "/originals/zip?ids=wide.jpg,narrow.png,big.png",
      );
      assert.equal(response.status, 200);
      const total = Object.values(files).reduce((sum, bytes) => sum + bytes.byteLength, 0);
      assert.ok(total > 3_000_000, `only ${total} bytes of sources`);
      assert.ok(body.byteLength > total);
      const zipPath = `${server.root}/got.zip`;
      await Deno.writeFile(zipPath, body);
      for (
        const [command, args] of [["unzip", ["-t", zipPath]], ["python3", [
          "-m",
          "zipfile",
          "-t",
          zipPath,
        ]]] as const
      ) {
        const output = await new Deno.Command(command, { args: [...args] }).output();
        assert.ok(output.success, `${command}: ${new TextDecoder().decode(output.stderr)}`);
      }
      const over = await get(server, `/originals/zip?ids=${"a,".repeat(20)}b`);
      assert.equal(over.response.status, 400);
    });
  });
});
