import type { Corpus } from "./corpus.ts";

/** One thing asked of every server that can read `fileName`. */
export interface Scenario {
  /** "load": wrk for the run's duration; "cold": one request right after each (re)start. */
  mode: "load" | "cold";
  /** What is asked, for the results table, e.g. "`!200,200` thumbnail". */
  request: string;
  /** What the source is, for the results table, e.g. "6000×4000 JPEG". */
  source: string;
  fileName: string;
  /** Request tails after the identifier ("info.json" or "region/size/0/default.jpg"). */
  tails: string[];
}

const TILE = 256;

/**
 * The 256-pixel tiles a viewer asks for at `scaleFactor`, as `x,y,w,h/w,/0/default.jpg` (the
 * `w,` size form is the same in Image API 2 and 3), row by row.
 */
export function tileTails(width: number, height: number, scaleFactor: number): string[] {
  const step = TILE * scaleFactor;
  const tails: string[] = [];
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      const regionWidth = Math.min(step, width - x);
      const regionHeight = Math.min(step, height - y);
      const outputWidth = Math.ceil(regionWidth / scaleFactor);
      tails.push(`${x},${y},${regionWidth},${regionHeight}/${outputWidth},/0/default.jpg`);
    }
  }
  return tails;
}

/** Every scenario of the run, in the order they are run on each server. */
export function scenarios(corpus: Corpus): Scenario[] {
  const thumbnail = ["full/!200,200/0/default.jpg"];
  const width1000 = ["full/1000,/0/default.jpg"];
  const photoSources: [string, string][] = [
    ["6000×4000 pyramidal TIFF", corpus.photoTiff],
    ["6000×4000 JPEG", corpus.photoJpeg],
  ];
  const perPhoto = photoSources.flatMap(([source, fileName]) => [
    load(source, fileName, "info.json", ["info.json"]),
    load(source, fileName, "`!200,200` thumbnail", thumbnail),
    load(source, fileName, "256² tiles, full resolution, all 384", tileTails(6000, 4000, 1)),
    load(source, fileName, "256² tiles at scale factor 8, all 6", tileTails(6000, 4000, 8)),
    load(source, fileName, "`full/1000,`", width1000),
  ]);
  return [
    ...perPhoto,
    load(
      "10000×10000 pyramidal TIFF",
      corpus.bigTiff,
      "256² tiles, full resolution, all 1,600",
      tileTails(10000, 10000, 1),
    ),
    load("2000×1500 PNG", corpus.png, "`!200,200` thumbnail", thumbnail),
    load("2000×1500 PNG", corpus.png, "`full/1000,`", width1000),
    cold("6000×4000 JPEG", corpus.photoJpeg, "!200,200"),
    cold("10000×10000 JPEG", corpus.bigJpeg, "!1024,1024"),
    cold("10000×10000 pyramidal TIFF", corpus.bigTiff, "!1024,1024"),
  ];
}

function load(source: string, fileName: string, request: string, tails: string[]): Scenario {
  return { mode: "load", request, source, fileName, tails };
}

/** The first request a freshly started server gets: `full/<size>/0/default.jpg`. */
function cold(source: string, fileName: string, size: string): Scenario {
  const tails = [`full/${size}/0/default.jpg`];
  return { mode: "cold", request: `cold \`${size}\``, source, fileName, tails };
}
