/**
 * Hostile request paths built from the IIIF URL grammar: a valid request for `test:quad.jpg`
 * whose segments (identifier, region, size, rotation, quality.format) and whose shape (prefix,
 * version, extra or missing segments, info.json, base URI, query) are mutated with random bytes,
 * huge, negative and non-numbers, `%00`, `../` in many encodings, double encoding, unicode and
 * very long segments. Paths are written as they go on the wire (already percent-encoded).
 *
 * @module
 */
import type { SeededRandom } from "./_hostile_random.ts";

/** One generated path and what was done to it, for the failure message. */
export interface HostileUrl {
  readonly path: string;
  readonly category: string;
}

type Segment = "identifier" | "region" | "size" | "rotation" | "file";
type Segments = Record<Segment, string>;
const SEGMENTS: readonly Segment[] = ["identifier", "region", "size", "rotation", "file"];
/** Chance that each segment is mutated; about one URL in nine keeps all five valid. */
const MUTATION_CHANCE = 0.35;

/** Valid values of each segment for the 64×48 `quad.jpg` and `quad.png`, so some succeed. */
const VALID: Readonly<Record<Segment, readonly string[]>> = {
  identifier: ["test:quad.jpg", "quad.jpg", "test%3Aquad.jpg", "test:quad.png"],
  region: ["full", "square", "0,0,32,24", "pct:10,10,50,50", "63,47,1,1"],
  size: ["max", "32,", ",24", "pct:50", "!20,20", "^80,", "16,16"],
  rotation: ["0", "90", "!180", "22.5", "360"],
  file: ["default.jpg", "gray.png", "bitonal.webp", "color.gif", "default.tif"],
};

const HUGE = [
  "2147483647",
  "2147483648",
  "4294967296",
  "9007199254740993",
  "1e308",
  "99999999999999999999999999999",
  "1".repeat(400),
  "0".repeat(300) + "1",
  "1".repeat(20) + ".5",
];
const NEGATIVE = ["-1", "-0", "-2147483648", "-0.0", "-.5", "-1e308", "--1"];
const NOT_NUMBERS = [
  "NaN",
  "Infinity",
  "-Infinity",
  "1e3",
  "0x10",
  "+5",
  "%205",
  "5%20",
  "0b1",
  "1_000",
  "%D9%A1%D9%A2", // Arabic-Indic digits
  "%EF%BC%95", // fullwidth 5
  "0.",
  ".",
  "..",
  "1..2",
  "1e-7",
  "5%09",
  "undefined",
  "null",
  "true",
  "[]",
  "%7B%7D",
];
const TRAVERSALS = [
  "../",
  "..%2f",
  "..%2F",
  "%2e%2e%2f",
  "%2E%2E/",
  ".%2e/",
  "%2e./",
  "..%5c",
  "..\\",
  "%252e%252e%252f",
  "%c0%ae%c0%ae%c0%af",
  "%e0%80%ae%e0%80%ae/",
  "..%c0%af",
  "%uff0e%uff0e%u2215",
  "%EF%BC%8E%EF%BC%8E%EF%BC%8F", // fullwidth ../
  "..;/",
  "%2e%2e%5c",
  "....//",
  "..%00/",
  ".%00./",
];
const UNICODE = [
  "%E2%80%AE", // right-to-left override
  "%EF%BB%BF", // byte order mark
  "%CC%81", // combining acute
  "%F0%9D%9F%98", // mathematical double-struck zero
  "%F0%9F%98%80", // emoji
  "%C2%A0", // no-break space
  "%E2%80%A8", // line separator
  "%ED%A0%80", // lone surrogate, invalid UTF-8
  "%C4%B0", // dotted capital I
  "%E2%80%8B", // zero-width space
  "%FF%FE", // invalid UTF-8
  "%C0%80", // overlong NUL
  "\u00e9", // raw é, fetch encodes it
  "\u{1F600}",
  "\u202e",
];
const FILE_QUIRKS = [
  "default",
  "default.",
  ".jpg",
  "default.jpg.png",
  "default.JPG",
  "DEFAULT.jpg",
  "default.jpeg",
  "default.jpg%00.png",
  "default..jpg",
  "default.jpg%2F",
  "gray.%6A%70%67",
  "%64efault.jpg",
];
const PREFIXES = [
  "/iiif/4/",
  "/iiif/",
  "/iiif/03/",
  "/IIIF/3/",
  "/iiif/3.0/",
  "/iiif//3/",
  "/iiif/%33/",
  "/iiif/3%2F",
  "//iiif/3/",
  "/",
  "/status/",
  "/iiif/3/%2e%2e/",
  "/iiif/3/../",
  "/./iiif/3/",
  "/iiif/2/../3/",
];

/** Mutations of one segment, by category name. */
const MUTATIONS: Readonly<Record<string, (r: SeededRandom, segment: Segment) => string>> = {
  "random-bytes": randomBytes,
  "random-ascii": randomAscii,
  "huge-number": (r, segment) => numeric(r, segment, r.pick(HUGE)),
  "negative-number": (r, segment) => numeric(r, segment, r.pick(NEGATIVE)),
  "not-a-number": (r, segment) => numeric(r, segment, r.pick(NOT_NUMBERS)),
  "nul": (r, segment) => insert(r, r.pick(VALID[segment]), r.pick(["%00", "%00%00", "\\0"])),
  "control": (r, segment) => insert(r, r.pick(VALID[segment]), percent(r.pick(controlBytes()))),
  "traversal": traversal,
  "double-encoding": (r, segment) => doubleEncoded(r, r.pick(VALID[segment])),
  "unicode": (r, segment) => insert(r, r.pick(VALID[segment]), r.pick(UNICODE)),
  "long": long,
  "empty": () => "",
  "file-quirk": (r, segment) => segment === "file" ? r.pick(FILE_QUIRKS) : randomAscii(r),
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Path shapes, each building a path from the (possibly mutated) segments. */
const SHAPES: Readonly<Record<string, (r: SeededRandom, s: Segments) => string>> = {
  "image3": (_, s) => `/iiif/3/${imageTail(s)}`,
  "image2": (_, s) => `/iiif/2/${imageTail(s)}`,
  "info": (r, s) => `/iiif/${r.pick(["2", "3"])}/${s.identifier}/info.json`,
  "base": (r, s) => `/iiif/${r.pick(["2", "3"])}/${s.identifier}`,
  "extra-segments": (r, s) => `/iiif/3/${withExtraSegments(r, imageTail(s).split("/"))}`,
  "missing-segments": (r, s) => `/iiif/3/${withoutSegments(r, imageTail(s).split("/"))}`,
  "bad-prefix": (r, s) => `${r.pick(PREFIXES)}${imageTail(s)}`,
  "query": (r, s) => `/iiif/3/${imageTail(s)}${r.pick(["?", "#", "?a=", ";"])}${randomAscii(r)}`,
};
const SHAPE_NAMES = Object.keys(SHAPES);

/**
 * `count` hostile paths from `random`, each labelled with its shape and mutations.
 *
 * @param random The seeded source of every choice.
 * @param count How many paths to make.
 */
export function hostileUrls(random: SeededRandom, count: number): HostileUrl[] {
  return Array.from({ length: count }, () => hostileUrl(random));
}

function hostileUrl(r: SeededRandom): HostileUrl {
  const shape = r.pick(SHAPE_NAMES);
  const segments = Object.fromEntries(SEGMENTS.map((s) => [s, r.pick(VALID[s])])) as Segments;
  const mutated: string[] = [];
  for (const segment of SEGMENTS) {
    if (!r.chance(MUTATION_CHANCE)) continue;
    const name = r.pick(MUTATION_NAMES);
    segments[segment] = MUTATIONS[name](r, segment);
    mutated.push(`${segment}:${name}`);
  }
  const path = SHAPES[shape](r, segments);
  return { path, category: [shape, ...mutated].join(" ") };
}

function imageTail(s: Segments): string {
  return `${s.identifier}/${s.region}/${s.size}/${s.rotation}/${s.file}`;
}

function withExtraSegments(r: SeededRandom, parts: string[]): string {
  const copy = [...parts];
  for (let n = r.between(1, 3); n > 0; n--) {
    copy.splice(r.int(copy.length + 1), 0, r.pick([...VALID.region, "", "..", "info.json"]));
  }
  return copy.join("/");
}

function withoutSegments(r: SeededRandom, parts: string[]): string {
  const copy = [...parts];
  for (let n = r.between(1, 3); n > 0 && copy.length > 1; n--) copy.splice(r.int(copy.length), 1);
  return copy.join("/");
}

/** A number put where the segment takes one: a region edge, a size, a percentage, an angle. */
function numeric(r: SeededRandom, segment: Segment, n: string): string {
  const forms: Record<Segment, readonly string[]> = {
    identifier: [n, `test:${n}`],
    region: [`${n},0,10,10`, `0,0,${n},${n}`, `pct:${n},0,50,50`, `pct:0,0,${n},${n}`],
    size: [`${n},`, `,${n}`, `${n},${n}`, `!${n},${n}`, `^${n},`, `pct:${n}`, `^pct:${n}`],
    rotation: [n, `!${n}`],
    file: [`${n}.jpg`, `default.${n}`],
  };
  return r.pick(forms[segment]);
}

function randomBytes(r: SeededRandom): string {
  return Array.from({ length: r.between(1, 40) }, () => percent(r.int(256))).join("");
}

/** Printable ASCII, the URL delimiters included; fetch encodes or interprets what it must. */
function randomAscii(r: SeededRandom): string {
  return Array.from({ length: r.between(1, 30) }, () => String.fromCharCode(r.between(0x21, 0x7e)))
    .join("");
}

function traversal(r: SeededRandom, segment: Segment): string {
  const climb = r.pick(TRAVERSALS).repeat(r.between(1, 6));
  if (segment !== "identifier") return climb + r.pick(VALID[segment]);
  const target = r.pick(["quad.jpg", "etc%2Fpasswd", "cache", "test%2Fquad.jpg", ""]);
  return `${r.pick(["", "test:", "test:sub%2F"])}${climb}${target}`;
}

function doubleEncoded(r: SeededRandom, text: string): string {
  const once = Array.from(new TextEncoder().encode(text), (byte) => percent(byte)).join("");
  return r.chance(0.5) ? once.replaceAll("%", "%25") : `${once.replaceAll("%", "%25")}%252F`;
}

function long(r: SeededRandom, segment: Segment): string {
  const length = r.between(1000, 5000);
  const unit = r.pick(["a", "9", "%41", ",", "1,", "%2F", "../", r.pick(VALID[segment])]);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function insert(r: SeededRandom, text: string, piece: string): string {
  const at = r.int(text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
}

function controlBytes(): number[] {
  return [...Array.from({ length: 32 }, (_, i) => i), 0x7f];
}

function percent(byte: number): string {
  return `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}
