/**
 * The part of the OpenJPEG 2.5 C API (openjpeg.h, libopenjp2.so.7) Tessera calls to decode. On
 * Linux x86-64 `OPJ_SIZE_T` is 64 bits, `OPJ_OFF_T` is `int64_t` and `OPJ_BOOL` is an `int`.
 */
export const OPENJPEG_SYMBOLS = {
  /** (format) → opj_codec_t* */
  opj_create_decompress: { parameters: ["i32"], result: "pointer" },
  opj_destroy_codec: { parameters: ["pointer"], result: "void" },
  /** (codec, opj_msg_callback, client_data) */
  opj_set_error_handler: { parameters: ["pointer", "function", "pointer"], result: "i32" },
  opj_set_warning_handler: { parameters: ["pointer", "function", "pointer"], result: "i32" },
  /** (codec, strict): 2.5.0 and later; a strict decoder fails on a truncated codestream. */
  opj_decoder_set_strict_mode: { parameters: ["pointer", "i32"], result: "i32" },
  /** (buffer_size, is_input) → opj_stream_t* */
  opj_stream_create: { parameters: ["usize", "i32"], result: "pointer" },
  opj_stream_destroy: { parameters: ["pointer"], result: "void" },
  opj_stream_set_read_function: { parameters: ["pointer", "function"], result: "void" },
  opj_stream_set_skip_function: { parameters: ["pointer", "function"], result: "void" },
  opj_stream_set_seek_function: { parameters: ["pointer", "function"], result: "void" },
  opj_stream_set_user_data_length: { parameters: ["pointer", "u64"], result: "void" },
  /** (stream, codec, opj_image_t** image) */
  opj_read_header: { parameters: ["pointer", "pointer", "buffer"], result: "i32" },
  /** (codec, res_factor): after opj_read_header, before opj_set_decode_area. */
  opj_set_decoded_resolution_factor: { parameters: ["pointer", "u32"], result: "i32" },
  /** (codec, image, x0, y0, x1, y1) in reference grid coordinates. */
  opj_set_decode_area: {
    parameters: ["pointer", "pointer", "i32", "i32", "i32", "i32"],
    result: "i32",
  },
  /** (codec, stream, image) */
  opj_decode: { parameters: ["pointer", "pointer", "pointer"], result: "i32" },
  opj_image_destroy: { parameters: ["pointer"], result: "void" },
} as const satisfies Deno.ForeignLibraryInterface;

/** `OPJ_CODEC_FORMAT`: a raw codestream, or one inside JP2 boxes. */
export const OPJ_CODEC = { j2k: 0, jp2: 2 } as const;

/** `opj_stream_read_fn(p_buffer, p_nb_bytes, p_user_data) → OPJ_SIZE_T`. */
export const READ_CALLBACK = {
  parameters: ["pointer", "usize", "pointer"],
  result: "usize",
} as const satisfies Deno.UnsafeCallbackDefinition;

/** `opj_stream_skip_fn(p_nb_bytes, p_user_data) → OPJ_OFF_T`. */
export const SKIP_CALLBACK = {
  parameters: ["i64", "pointer"],
  result: "i64",
} as const satisfies Deno.UnsafeCallbackDefinition;

/** `opj_stream_seek_fn(p_nb_bytes, p_user_data) → OPJ_BOOL`. */
export const SEEK_CALLBACK = {
  parameters: ["i64", "pointer"],
  result: "i32",
} as const satisfies Deno.UnsafeCallbackDefinition;

/** `opj_msg_callback(msg, client_data)`. */
export const MESSAGE_CALLBACK = {
  parameters: ["pointer", "pointer"],
  result: "void",
} as const satisfies Deno.UnsafeCallbackDefinition;

/** What a read callback returns at the end of the stream: `(OPJ_SIZE_T)-1`. */
export const READ_END = 0xffff_ffff_ffff_ffffn;

/** Byte offsets in `opj_image_t` (48 bytes). */
export const IMAGE = { numcomps: 16, comps: 24 } as const;

/** Byte offsets in `opj_image_comp_t`, and its size. */
export const IMAGE_COMP = {
  size: 64,
  w: 8,
  h: 12,
  prec: 24,
  sgnd: 32,
  data: 48,
} as const;
