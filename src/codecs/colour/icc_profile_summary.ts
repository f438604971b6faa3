import { iccColourSpace } from "./icc_colour_space.ts";

/** The header's 128 bytes, then the tag count. */
const TAG_TABLE = 128;
const TAG_ENTRY_LENGTH = 12;
/** More tags than any real profile has (a press CMYK profile has about twenty). */
const MAX_TAGS = 1024;
/** textDescriptionType (ICC.1:2001-04, 6.5.17): type, reserved, ASCII count, ASCII. */
const TEXT_DESCRIPTION_ASCII = 12;
/** multiLocalizedUnicodeType (ICC.1:2010, 10.15): type, reserved, record count and size. */
const MLUC_RECORDS = 16;
const MLUC_RECORD_LENGTH = 12;
/** Longer descriptions are cut: they are shown on one line. */
const MAX_DESCRIPTION_LENGTH = 200;
/** Control characters, which must not reach a terminal from a file. */
const CONTROL_REGEXP = /\p{Cc}/gu;

/** Readers of the `desc` tag by its type: v2 profiles use the first, v4 ones the second. */
const DESCRIPTION_READERS: Readonly<
  Record<string, (tag: Uint8Array, view: DataView) => string | undefined>
> = { desc: asciiDescription, mluc: unicodeDescription };

/** What an embedded ICC profile is, as an operator would name it. */
export interface IccProfileSummary {
  /** The profile's length in bytes. */
  readonly bytes: number;
  /** The description (`desc` tag), e.g. "Adobe RGB (1998)"; absent when missing or unreadable. */
  readonly description?: string;
  /** The data colour space: "RGB", "GRAY", "CMYK", "Lab"…; absent when unreadable. */
  readonly colourSpace?: string;
}

/**
 * Reads an ICC profile's description and data colour space from its header and tag table,
 * trusting none of its offsets: a broken profile gives a summary without them, never an error.
 * The description is a v2 `textDescriptionType` or a v4 `multiLocalizedUnicodeType` (English
 * preferred), with control characters replaced by "?".
 *
 * @example Usage
 * ```ts
 * import { summariseIccProfile } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(summariseIccProfile(new Uint8Array(10)), { bytes: 10 });
 * ```
 *
 * @param profile The whole profile.
 */
export function summariseIccProfile(profile: Uint8Array): IccProfileSummary {
  const description = readDescription(profile);
  const colourSpace = iccColourSpace(profile);
  return {
    bytes: profile.length,
    ...(description === undefined ? {} : { description }),
    ...(colourSpace === undefined ? {} : { colourSpace }),
  };
}

function readDescription(profile: Uint8Array): string | undefined {
  const tag = tagData(profile, "desc");
  if (tag === undefined || tag.length < MLUC_RECORDS) return undefined;
  const view = new DataView(tag.buffer, tag.byteOffset, tag.byteLength);
  const text = DESCRIPTION_READERS[signatureAt(tag, 0)]?.(tag, view);
  const cleaned = text?.replaceAll(CONTROL_REGEXP, "?").trim().slice(0, MAX_DESCRIPTION_LENGTH);
  return cleaned ? cleaned : undefined;
}

/** The data of the tag `signature`, when the tag table lists it inside the profile. */
function tagData(profile: Uint8Array, signature: string): Uint8Array | undefined {
  if (profile.length < TAG_TABLE + 4) return undefined;
  const view = new DataView(profile.buffer, profile.byteOffset, profile.byteLength);
  const count = Math.min(view.getUint32(TAG_TABLE), MAX_TAGS);
  for (let index = 0; index < count; index++) {
    const entry = TAG_TABLE + 4 + index * TAG_ENTRY_LENGTH;
    if (entry + TAG_ENTRY_LENGTH > profile.length) return undefined;
    if (signatureAt(profile, entry) !== signature) continue;
    const offset = view.getUint32(entry + 4);
    const size = view.getUint32(entry + 8);
    return offset + size <= profile.length ? profile.subarray(offset, offset + size) : undefined;
  }
  return undefined;
}

/** The ASCII part, up to its NUL; the Unicode and ScriptCode parts repeat it. */
function asciiDescription(tag: Uint8Array, view: DataView): string | undefined {
  const count = view.getUint32(8);
  if (TEXT_DESCRIPTION_ASCII + count > tag.length) return undefined;
  const ascii = tag.subarray(TEXT_DESCRIPTION_ASCII, TEXT_DESCRIPTION_ASCII + count);
  const end = ascii.indexOf(0);
  return new TextDecoder("latin1").decode(end === -1 ? ascii : ascii.subarray(0, end));
}

/** The English record (en-US first), else the first one, as UTF-16BE. */
function unicodeDescription(tag: Uint8Array, view: DataView): string | undefined {
  const records = view.getUint32(8);
  const recordLength = view.getUint32(12);
  if (recordLength < MLUC_RECORD_LENGTH) return undefined;
  const found: { language: string; start: number; length: number }[] = [];
  for (let index = 0; index < Math.min(records, MAX_TAGS); index++) {
    const at = MLUC_RECORDS + index * recordLength;
    if (at + MLUC_RECORD_LENGTH > tag.length) break;
    const [length, start] = [view.getUint32(at + 4), view.getUint32(at + 8)];
    if (start + length <= tag.length) found.push({ language: signatureAt(tag, at), start, length });
  }
  const chosen = found.find((record) => record.language === "enUS") ??
    found.find((record) => record.language.startsWith("en")) ?? found[0];
  if (chosen === undefined) return undefined;
  const text = tag.subarray(chosen.start, chosen.start + chosen.length);
  return new TextDecoder("utf-16be").decode(text).replaceAll("\0", "");
}

function signatureAt(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}
