import type { Raster } from "../../ops/raster.ts";
import { type Allocate, allocateRaster } from "../_allocate_raster.ts";
import { CorruptSourceError } from "../errors.ts";
import { componentsToRgba, type DecodedComponent } from "./_components_to_rgba.ts";
import type { GridArea } from "./_level_geometry.ts";
import { IMAGE, IMAGE_COMP, OPJ_CODEC } from "./_openjpeg_api.ts";
import { OpenJpegMessages } from "./_openjpeg_messages.ts";
import type { ByteRange, SparseBytes } from "./_sparse_bytes.ts";
import { SparseStream } from "./_sparse_stream.ts";
import type { OpenJpegSymbols } from "./jp2_library.ts";

/**
 * OpenJPEG's read buffer. It asks for this much at a time, and gets only the cached run, so the
 * size bounds how far it reads ahead, not what is fetched.
 */
const STREAM_BUFFER_SIZE = 1 << 20;

/** One region to decode, and the size OpenJPEG must give it. */
export interface RegionRequest {
  readonly format: keyof typeof OPJ_CODEC;
  /** Resolution levels discarded: the level's index. */
  readonly reduce: number;
  /** On the reference grid, where OpenJPEG takes it. */
  readonly area: GridArea;
  readonly width: number;
  readonly height: number;
}

/** A decoded region, or the bytes OpenJPEG asked for that were not fetched. */
export type DecodeOutcome =
  | { readonly raster: Raster }
  | { readonly missing: readonly ByteRange[] };

/** OpenJPEG handles of one decode, each `null` until created. */
interface Handles {
  codec: Deno.PointerValue;
  stream: Deno.PointerValue;
  /** `opj_image_t*`, written by `opj_read_header`. */
  readonly image: BigUint64Array;
}

/**
 * Decodes `request.area` at `request.reduce` with OpenJPEG from `bytes`, blocking the thread,
 * into a buffer from `allocate`. Everything OpenJPEG allocates is freed before this returns or
 * throws.
 *
 * @returns The raster, or the uncached ranges OpenJPEG needed (nothing is allocated then).
 * @throws {CorruptSourceError} With OpenJPEG's messages, when it fails or warns of damage.
 */
export function decodeRegion(
  symbols: OpenJpegSymbols,
  bytes: SparseBytes,
  request: RegionRequest,
  allocate: Allocate,
): DecodeOutcome {
  const stream = new SparseStream(bytes);
  const messages = new OpenJpegMessages();
  const handles: Handles = { codec: null, stream: null, image: new BigUint64Array(1) };
  try {
    const decoded = decodeInto(symbols, handles, { stream, messages, size: bytes.size }, request);
    if (stream.missing.length > 0) return { missing: stream.missing };
    const fault = decoded ? messages.harmfulWarning() : messages.failure();
    if (fault !== undefined) throw new CorruptSourceError(`Cannot decode JPEG 2000: ${fault}`);
    return { raster: rasterOf(imageOf(handles)!, request, allocate) };
  } finally {
    const image = imageOf(handles);
    if (image !== null) symbols.opj_image_destroy(image);
    if (handles.stream !== null) symbols.opj_stream_destroy(handles.stream);
    if (handles.codec !== null) symbols.opj_destroy_codec(handles.codec);
    stream.close();
    messages.close();
  }
}

/** Creates the codec and stream into `handles`, then runs the decode; false when a step fails. */
function decodeInto(
  symbols: OpenJpegSymbols,
  handles: Handles,
  callbacks: { stream: SparseStream; messages: OpenJpegMessages; size: number },
  { format, reduce, area }: RegionRequest,
): boolean {
  const codec = handles.codec = symbols.opj_create_decompress(OPJ_CODEC[format]);
  const stream = handles.stream = symbols.opj_stream_create(BigInt(STREAM_BUFFER_SIZE), 1);
  if (codec === null || stream === null) throw new Error("Cannot create an OpenJPEG decoder");
  symbols.opj_set_error_handler(codec, callbacks.messages.error.pointer, null);
  symbols.opj_set_warning_handler(codec, callbacks.messages.warning.pointer, null);
  symbols.opj_decoder_set_strict_mode(codec, 1);
  symbols.opj_stream_set_read_function(stream, callbacks.stream.read.pointer);
  symbols.opj_stream_set_skip_function(stream, callbacks.stream.skip.pointer);
  symbols.opj_stream_set_seek_function(stream, callbacks.stream.seek.pointer);
  symbols.opj_stream_set_user_data_length(stream, BigInt(callbacks.size));
  if (!symbols.opj_read_header(stream, codec, handles.image)) return false;
  const image = imageOf(handles)!;
  return Boolean(
    symbols.opj_set_decoded_resolution_factor(codec, reduce) &&
      symbols.opj_set_decode_area(codec, image, area.x0, area.y0, area.x1, area.y1) &&
      symbols.opj_decode(codec, stream, image),
  );
}

function imageOf(handles: Handles): Deno.PointerValue {
  return Deno.UnsafePointer.create(handles.image[0]);
}

/** Converts the decoded `opj_image_t` to RGBA, checking OpenJPEG made the size asked for. */
function rasterOf(image: Deno.PointerObject, request: RegionRequest, allocate: Allocate): Raster {
  const view = new Deno.UnsafePointerView(image);
  const count = view.getUint32(IMAGE.numcomps);
  const comps = new Deno.UnsafePointerView(view.getPointer(IMAGE.comps)!);
  const components: DecodedComponent[] = [];
  for (let index = 0; index < count; index++) {
    const at = index * IMAGE_COMP.size;
    const width = comps.getUint32(at + IMAGE_COMP.w);
    const height = comps.getUint32(at + IMAGE_COMP.h);
    const data = comps.getPointer(at + IMAGE_COMP.data);
    if (width !== request.width || height !== request.height || data === null) {
      throw new CorruptSourceError(
        `Cannot decode JPEG 2000: component ${index} came out ${width}x${height}, not ` +
          `${request.width}x${request.height}`,
      );
    }
    components.push({
      samples: new Int32Array(Deno.UnsafePointerView.getArrayBuffer(data, width * height * 4)),
      precision: comps.getUint32(at + IMAGE_COMP.prec),
      signed: comps.getUint32(at + IMAGE_COMP.sgnd) !== 0,
    });
  }
  const raster = allocateRaster(request.width, request.height, allocate);
  componentsToRgba(components, raster);
  return raster;
}
