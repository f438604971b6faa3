import { photoLike } from "../photo_like.ts";

/** The images every server is asked for, all in one folder. */
export interface Corpus {
  folder: string;
  /** 6000×4000 photograph, JPEG q90. */
  photoJpeg: string;
  /** The same as a pyramidal tiled TIFF, JPEG tiles of 256. */
  photoTiff: string;
  /** 10000×10000 (100 MP) photograph, JPEG q90. */
  bigJpeg: string;
  /** Its pyramidal tiled TIFF. */
  bigTiff: string;
  /** 2000×1500 PNG, cut from the photograph. */
  png: string;
}

/**
 * Draws the test photograph (bench/photo_like.ts: compresses like a camera JPEG) and writes the
 * corpus with `vips` (Debian libvips-tools) into `folder`.
 *
 * @throws {Error} when a vips command fails, with its message.
 */
export async function buildCorpus(folder: string): Promise<Corpus> {
  await Deno.mkdir(folder, { recursive: true });
  const corpus: Corpus = {
    folder,
    photoJpeg: "photo.jpg",
    photoTiff: "photo.tif",
    bigJpeg: "big.jpg",
    bigTiff: "big.tif",
    png: "small.png",
  };
  const raw = `${folder}/photo.raw`;
  await Deno.writeFile(raw, photoLike(6000, 4000).data);
  const rgba = `${folder}/photo-rgba.v`;
  const rgb = `${folder}/photo.v`;
  const big = `${folder}/big.v`;
  await vips("rawload", raw, rgba, "6000", "4000", "4");
  await vips("extract_band", rgba, rgb, "0", "--n", "3");
  // Mirroring the photograph out to 10000×10000 keeps it photographic (no flat borders).
  await vips("embed", rgb, big, "0", "0", "10000", "10000", "--extend", "mirror");
  await vips("jpegsave", rgb, `${folder}/${corpus.photoJpeg}`, "--Q", "90");
  await vips("jpegsave", big, `${folder}/${corpus.bigJpeg}`, "--Q", "90");
  await pyramid(rgb, `${folder}/${corpus.photoTiff}`);
  await pyramid(big, `${folder}/${corpus.bigTiff}`);
  await vips("extract_area", rgb, `${folder}/${corpus.png}`, "2000", "1000", "2000", "1500");
  for (const scratch of [raw, rgba, rgb, big]) await Deno.remove(scratch);
  return corpus;
}

function pyramid(input: string, output: string): Promise<void> {
  return vips(
    "tiffsave",
    input,
    output,
    "--tile",
    "--tile-width",
    "256",
    "--tile-height",
    "256",
    "--pyramid",
    "--compression",
    "jpeg",
    "--Q",
    "90",
  );
}

async function vips(...args: string[]): Promise<void> {
  const result = await new Deno.Command("vips", { args, stdout: "null", stderr: "piped" })
    .output();
  if (!result.success) {
    throw new Error(`vips ${args.join(" ")} failed: ${new TextDecoder().decode(result.stderr)}`);
  }
}
