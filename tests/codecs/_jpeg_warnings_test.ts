import assert from "node:assert/strict";
import { HARMLESS_JPEG_WARNINGS, jpegWarningFault } from "../../src/codecs/_jpeg_warnings.ts";
import { concat } from "./_images.ts";
import {
  firstLibjpegWarning,
  HARMFUL_DAMAGE,
  HARMLESS_DAMAGE,
  restartJpeg,
} from "./_jpeg_fixtures.ts";

const jpeg = restartJpeg();
const extraneous = "Corrupt JPEG data: 2 extraneous bytes before marker 0xdb";

for (const { name, damage, warning } of HARMLESS_DAMAGE) {
  Deno.test(`jpegWarningFault() passes libjpeg's warning about ${name}`, () => {
    const damaged = damage(jpeg);
    const message = firstLibjpegWarning(damaged) ?? "no warning";
    assert.match(message, warning);
    assert.equal(jpegWarningFault(message, damaged), undefined);
  });
}

for (const { name, damage, warning } of HARMFUL_DAMAGE) {
  Deno.test(`jpegWarningFault() reports libjpeg's warning about ${name}`, () => {
    const damaged = damage(jpeg);
    const message = firstLibjpegWarning(damaged) ?? "no warning";
    assert.match(message, warning);
    assert.match(jpegWarningFault(message, damaged) ?? "passed", /^Corrupt JPEG data: /);
  });
}

const HARMFUL_WARNINGS = [
  "Premature end of JPEG file",
  "Corrupt JPEG data: premature end of data segment",
  "Corrupt JPEG data: bad Huffman code",
  "Corrupt JPEG data: found marker 0xd9 instead of RST2",
  "Inconsistent progression sequence for component 0 coefficient 1",
  "Unknown Adobe color transform code 7",
  `${extraneous}; Premature end of JPEG file`,
  `Warning: ${extraneous}`,
];

for (const warning of HARMFUL_WARNINGS) {
  Deno.test(`jpegWarningFault() reports "${warning}" as it is`, () => {
    assert.equal(jpegWarningFault(warning, jpeg), warning);
  });
}

Deno.test("jpegWarningFault() passes every listed warning as libjpeg prints it", () => {
  const printed = HARMLESS_JPEG_WARNINGS.map((format) =>
    format.replace("%u", "1234").replace("%02x", "c4").replace("%d", "3").replace("%02d", "07")
  );
  for (const warning of printed) assert.equal(jpegWarningFault(warning, jpeg), undefined, warning);
});

Deno.test("jpegWarningFault() ignores data after the EOI marker", () => {
  const padded = concat([jpeg, new Uint8Array(100).fill(0x55), new Uint8Array([0xff, 0xda])]);
  assert.equal(jpegWarningFault(extraneous, padded), undefined);
});

Deno.test("jpegWarningFault() does not take an EOI inside an APP segment for the end", () => {
  const thumbnail = [0xff, 0xd8, 0xff, 0xd9];
  const app1 = [0xff, 0xe1, 0, 2 + thumbnail.length, ...thumbnail];
  const withThumbnail = concat([jpeg.subarray(0, 2), new Uint8Array(app1), jpeg.subarray(2)]);
  assert.equal(jpegWarningFault(extraneous, withThumbnail), undefined);
  assert.equal(
    jpegWarningFault(extraneous, withThumbnail.subarray(0, -2)),
    `${extraneous}, and the data ends before the EOI marker`,
  );
});

Deno.test("jpegWarningFault() names a restart marker out of order", () => {
  const rst1 = jpeg.findIndex((byte, index) => byte === 0xff && jpeg[index + 1] === 0xd1);
  const swapped = jpeg.slice();
  swapped[rst1 + 1] = 0xd5;
  assert.equal(
    jpegWarningFault(extraneous, swapped),
    `${extraneous}, and restart marker RST5 comes where RST1 belongs`,
  );
});
