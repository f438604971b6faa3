import { checkIdentifier } from "../iiif/mod.ts";
import type { AppDeps } from "./app_deps.ts";
import { downloadableSource } from "./_downloadable_source.ts";
import { attachmentDisposition, downloadName } from "./download_name.ts";
import { RequestSyntaxError } from "./request_syntax_error.ts";
import { sourceChunks } from "./source_chunks.ts";
import { MAX_ZIP_BYTES, type ZipEntry, zipLength, zipStream } from "./zip_stream.ts";

/** The name the archive is saved under. */
const ARCHIVE_NAME = "originals.zip";

/**
 * `GET /originals/zip?ids=a,b,…`: the originals of up to `download_max_files` identifiers as one
 * zip, streamed (stored, not recompressed) while each file is read, so memory stays flat
 * whatever the sizes. Every identifier is resolved, checked and probed before the first byte is
 * sent, so a missing one is a clean 404 rather than a broken archive. Entries are named after
 * the last segment of each name, made safe and unique (`a.jpg`, `a (2).jpg`).
 *
 * `ids` is split at commas before percent-decoding, so `%2C` is a comma inside an identifier.
 *
 * @throws {RequestSyntaxError} `ids` is missing, empty, repeats an identifier, lists more than
 *   `download_max_files`, or the archive would exceed 4 GiB (the limit of a zip without ZIP64).
 * @throws {IdentifierNotFoundError} Some identifier names no image.
 * @throws {ForbiddenSourceError} Some image's profile does not set `downloadable`.
 * @throws {UnsupportedSourceError} Some file is not an image format Tessera reads.
 */
export async function originalsZipRoute(request: Request, deps: AppDeps): Promise<Response> {
  const identifiers = identifiersOf(new URL(request.url), deps.config.download_max_files);
  const sources = await Promise.all(identifiers.map((id) => downloadableSource(request, deps, id)));
  const names = uniqueNames(sources.map(({ ref }) => downloadName(ref.name)));
  const entries: ZipEntry[] = sources.map(({ ref }, i) => ({
    name: names[i],
    size: ref.size,
    modified: new Date(ref.mtimeMs),
    chunks: () => sourceChunks(ref, { start: 0, end: ref.size - 1 }),
  }));
  const length = zipLength(entries);
  if (length > MAX_ZIP_BYTES) {
    throw new RequestSyntaxError(
      `Cannot zip these ${entries.length} originals: together they take ${length} bytes, more ` +
        "than the 4 GiB a zip can hold; download fewer at once or each from /originals/{identifier}",
    );
  }
  const headers = new Headers({
    "content-type": "application/zip",
    "content-disposition": attachmentDisposition(ARCHIVE_NAME),
    "content-length": String(length),
    "cache-control": "no-store",
  });
  return new Response(zipStream(entries), { headers });
}

/**
 * The identifiers of the `ids` query parameter, percent-decoded and checked.
 *
 * @throws {RequestSyntaxError} Missing, empty, repeated or too many.
 * @throws {IiifSyntaxError} One is empty or holds control characters.
 */
function identifiersOf(url: URL, max: number): string[] {
  const values = url.search.slice(1).split("&").filter((pair) => pair.startsWith("ids="));
  if (values.length !== 1) {
    throw new RequestSyntaxError(`Expected one "ids" query parameter, found ${values.length}`);
  }
  const identifiers = values[0].slice("ids=".length).split(",").map(decodeIdentifier);
  if (identifiers.length > max) {
    throw new RequestSyntaxError(
      `Cannot zip ${identifiers.length} originals: at most ${max} may be downloaded at once`,
    );
  }
  const repeated = identifiers.find((id, i) => identifiers.indexOf(id) !== i);
  if (repeated !== undefined) {
    throw new RequestSyntaxError(`Cannot zip "${repeated}" twice: "ids" lists it more than once`);
  }
  identifiers.forEach(checkIdentifier);
  return identifiers;
}

function decodeIdentifier(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new RequestSyntaxError(`Cannot decode identifier "${raw}": bad percent-encoding`);
  }
}

/**
 * Names made unique by numbering repeats before their extension: `a.jpg`, `a (2).jpg`. Case is
 * ignored, since `A.jpg` and `a.jpg` are one file on Windows and macOS.
 */
function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf(".");
    const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
    let unique = name;
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${stem} (${n})${extension}`;
    taken.add(unique.toLowerCase());
    return unique;
  });
}
