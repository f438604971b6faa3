import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "../../src/config/mod.ts";

const ORIGIN = { file: "/etc/tessera/tessera.yml", baseDir: "/etc/tessera" };

function withWatermark(watermark: unknown) {
  return parseConfig({ profiles: { photos: { type: "disk", watermark } } }, ORIGIN);
}

Deno.test("parseConfig() fills a watermark's defaults and resolves its image like source_path", () => {
  assert.deepEqual(withWatermark({ image: "marks/logo.png" }).profiles.photos.watermark, {
    image: "/etc/tessera/marks/logo.png",
    opacity: 0.3,
    min_width: 400,
    min_height: 400,
  });
  const absolute = withWatermark({ image: "/srv/logo.png", opacity: 1, min_width: 0 });
  assert.equal(absolute.profiles.photos.watermark?.image, "/srv/logo.png");
  assert.equal(withWatermark(null).profiles.photos.watermark, null);
});

Deno.test("parseConfig() rejects a watermark without image, with opacity 0 or above 1", () => {
  const cases: [unknown, RegExp][] = [
    [{ opacity: 0.5 }, /profiles\.photos\.watermark\.image/],
    [{ image: "a.png", opacity: 0 }, /profiles\.photos\.watermark\.opacity/],
    [{ image: "a.png", opacity: 1.5 }, /profiles\.photos\.watermark\.opacity/],
    [{ image: "a.png", position: "corner" }, /profiles\.photos\.watermark/],
  ];
  for (const [watermark, problem] of cases) {
    assert.throws(() => withWatermark(watermark), (error) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.problems.join("\n"), problem);
      return true;
    }, JSON.stringify(watermark));
  }
});
