import assert from "node:assert/strict";
import { iccColourSpace, summariseIccProfile } from "../../../src/codecs/colour/mod.ts";
import { adobeRgbProfile, linearGrayProfile } from "./_icc_profiles.ts";

/** A profile with a 128-byte header naming `space`, and one tag: `desc` holding `tag`. */
function profileWith(space: string, tag: Uint8Array): Uint8Array {
  const profile = new Uint8Array(128 + 4 + 12 + tag.length);
  const view = new DataView(profile.buffer);
  view.setUint32(0, profile.length);
  profile.set(ascii(space), 16);
  profile.set(ascii("acsp"), 36);
  view.setUint32(128, 1);
  profile.set(ascii("desc"), 132);
  view.setUint32(136, 144);
  view.setUint32(140, tag.length);
  profile.set(tag, 144);
  return profile;
}

/** A v2 textDescriptionType: type, reserved, ASCII count (with its NUL), ASCII, empty rest. */
function textDescription(text: string): Uint8Array {
  const tag = new Uint8Array(12 + text.length + 1 + 8 + 3 + 67);
  tag.set(ascii("desc"));
  new DataView(tag.buffer).setUint32(8, text.length + 1);
  tag.set(ascii(text), 12);
  return tag;
}

/** A v4 multiLocalizedUnicodeType holding `records` ([language + country, text]) in UTF-16BE. */
function unicodeDescription(records: readonly [string, string][]): Uint8Array {
  const texts = records.map(([, text]) => utf16be(text));
  const start = 16 + 12 * records.length;
  const tag = new Uint8Array(start + texts.reduce((sum, text) => sum + text.length, 0));
  const view = new DataView(tag.buffer);
  tag.set(ascii("mluc"));
  view.setUint32(8, records.length);
  view.setUint32(12, 12);
  let at = start;
  records.forEach(([locale], index) => {
    tag.set(ascii(locale), 16 + 12 * index);
    view.setUint32(16 + 12 * index + 4, texts[index].length);
    view.setUint32(16 + 12 * index + 8, at);
    tag.set(texts[index], at);
    at += texts[index].length;
  });
  return tag;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (character) => character.charCodeAt(0));
}

function utf16be(text: string): Uint8Array {
  return Uint8Array.from([...text].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 255]));
}

Deno.test("summariseIccProfile() reads a v2 text description and the colour space", () => {
  const profile = profileWith("RGB ", textDescription("Adobe RGB (1998)"));
  assert.deepEqual(summariseIccProfile(profile), {
    bytes: profile.length,
    description: "Adobe RGB (1998)",
    colourSpace: "RGB",
  });
});

Deno.test("summariseIccProfile() prefers the English record of a v4 multi-localised description", () => {
  const records: [string, string][] = [["frFR", "Profil gris"], ["enUS", "Gray – linear"]];
  const summary = summariseIccProfile(profileWith("GRAY", unicodeDescription(records)));
  assert.equal(summary.description, "Gray – linear");
  assert.equal(summary.colourSpace, "GRAY");
  const french = summariseIccProfile(profileWith("GRAY", unicodeDescription([records[0]])));
  assert.equal(french.description, "Profil gris");
});

Deno.test("summariseIccProfile() reads the profiles Little CMS writes (v4, mluc)", () => {
  assert.deepEqual(summariseIccProfile(adobeRgbProfile()), {
    bytes: adobeRgbProfile().length,
    description: "RGB built-in",
    colourSpace: "RGB",
  });
  assert.equal(summariseIccProfile(linearGrayProfile()).colourSpace, "GRAY");
});

Deno.test("summariseIccProfile() replaces control characters, which must not reach a terminal", () => {
  const profile = profileWith("CMYK", textDescription("Press\u001b[31m red\u0007"));
  assert.equal(summariseIccProfile(profile).description, "Press?[31m red?");
});

Deno.test("summariseIccProfile() leaves out what a broken profile does not say, never throwing", () => {
  const good = profileWith("RGB ", textDescription("Adobe RGB (1998)"));
  const damaged: [string, Uint8Array][] = [
    ["a tag offset past the end", edited(good, (view) => view.setUint32(136, 5000))],
    ["an ASCII count past the tag", edited(good, (view) => view.setUint32(152, 5000))],
    ["an unknown tag type", edited(good, (view) => view.setUint32(144, 0x74657874))],
    ["a tag table cut short", good.subarray(0, 140)],
    ["an empty description", profileWith("RGB ", textDescription(""))],
  ];
  for (const [name, profile] of damaged) {
    assert.deepEqual(summariseIccProfile(profile), {
      bytes: profile.length,
      colourSpace: "RGB",
    }, name);
  }
  const garbage = edited(good, (view) => view.setUint32(16, 0x00ff1234));
  assert.deepEqual(summariseIccProfile(garbage).colourSpace, undefined);
});

Deno.test("summariseIccProfile() survives every truncation and every byte set to 0xFF", () => {
  for (
    const profile of [adobeRgbProfile(), profileWith("RGB ", unicodeDescription([["enUS", "x"]]))]
  ) {
    for (let length = 0; length <= profile.length; length++) {
      const summary = summariseIccProfile(profile.subarray(0, length));
      assert.equal(summary.bytes, length);
    }
    for (let at = 0; at < profile.length; at++) {
      summariseIccProfile(profile.slice().fill(0xff, at, at + 1));
    }
  }
});

Deno.test("iccColourSpace() trims the signature and refuses bytes that are none", () => {
  const cases: [string, string | undefined][] = [
    ["RGB ", "RGB"],
    ["GRAY", "GRAY"],
    ["CMYK", "CMYK"],
    ["Lab ", "Lab"],
    ["3CLR", "3CLR"],
    ["\0\0\0\0", undefined],
    ["R B ", undefined],
  ];
  for (const [space, expected] of cases) {
    assert.equal(iccColourSpace(profileWith(space, textDescription(""))), expected, space);
  }
  assert.equal(iccColourSpace(ascii("0123456789abcdefRGB")), undefined);
});

function edited(profile: Uint8Array, edit: (view: DataView) => void): Uint8Array {
  const copy = profile.slice();
  edit(new DataView(copy.buffer));
  return copy;
}
