/** The TIFF tags the reader looks at (TIFF 6.0 and its technical notes). */
export const TAG = {
  NEW_SUBFILE_TYPE: 254,
  IMAGE_WIDTH: 256,
  IMAGE_LENGTH: 257,
  BITS_PER_SAMPLE: 258,
  COMPRESSION: 259,
  PHOTOMETRIC: 262,
  FILL_ORDER: 266,
  STRIP_OFFSETS: 273,
  /** Read for `tessera info` only: the reader does not turn the pixels by it. */
  ORIENTATION: 274,
  SAMPLES_PER_PIXEL: 277,
  ROWS_PER_STRIP: 278,
  STRIP_BYTE_COUNTS: 279,
  PLANAR_CONFIGURATION: 284,
  PREDICTOR: 317,
  COLOR_MAP: 320,
  TILE_WIDTH: 322,
  TILE_LENGTH: 323,
  TILE_OFFSETS: 324,
  TILE_BYTE_COUNTS: 325,
  SUB_IFDS: 330,
  INK_SET: 332,
  EXTRA_SAMPLES: 338,
  SAMPLE_FORMAT: 339,
  JPEG_TABLES: 347,
  /** InterColorProfile: an ICC profile, as UNDEFINED bytes. */
  ICC_PROFILE: 34675,
} as const;

/** Bytes per value of each field type; types not listed are skipped. */
export const FIELD_TYPE_SIZE: Readonly<Record<number, number>> = {
  1: 1, // BYTE
  2: 1, // ASCII
  3: 2, // SHORT
  4: 4, // LONG
  5: 8, // RATIONAL
  6: 1, // SBYTE
  7: 1, // UNDEFINED
  8: 2, // SSHORT
  9: 4, // SLONG
  10: 8, // SRATIONAL
  11: 4, // FLOAT
  12: 8, // DOUBLE
  13: 4, // IFD
  16: 8, // LONG8 (BigTIFF)
  17: 8, // SLONG8
  18: 8, // IFD8
};

/** Field types that hold unsigned integers, the only ones the reader takes numbers from. */
export const UNSIGNED_TYPES: ReadonlySet<number> = new Set([1, 3, 4, 7, 13, 16, 18]);

/** The compressions the reader decodes. */
export const COMPRESSION = {
  NONE: 1,
  LZW: 5,
  JPEG: 7,
  DEFLATE: 8,
  PACKBITS: 32773,
  DEFLATE_OLD: 32946,
} as const;

/** Names of compressions the reader does not decode, for the 415 message. */
export const UNSUPPORTED_COMPRESSION_NAMES: Readonly<Record<number, string>> = {
  2: "CCITT modified Huffman",
  3: "CCITT Group 3 fax",
  4: "CCITT Group 4 fax",
  6: "old-style JPEG",
  32809: "ThunderScan",
  34661: "JBIG",
  34676: "SGILog",
  34712: "JPEG 2000",
  34887: "LERC",
  34925: "LZMA",
  50000: "Zstandard",
  50001: "WebP",
  52546: "JPEG XL",
};

/** PhotometricInterpretation values. */
export const PHOTOMETRIC = {
  MIN_IS_WHITE: 0,
  MIN_IS_BLACK: 1,
  RGB: 2,
  PALETTE: 3,
  /** Separated: inks, CMYK when InkSet is 1 (its default). */
  SEPARATED: 5,
  YCBCR: 6,
} as const;

/** InkSet values: 1 is CMYK, in that order; 2 is other inks, named by InkNames. */
export const INK_SET = { CMYK: 1 } as const;

/** Names of colour spaces the reader does not decode, for the 415 message. */
export const UNSUPPORTED_PHOTOMETRIC_NAMES: Readonly<Record<number, string>> = {
  4: "transparency mask",
  8: "CIE L*a*b*",
  9: "ICC L*a*b*",
  10: "ITU L*a*b*",
  32844: "LogL",
  32845: "LogLuv",
  34892: "linear raw",
};

/** NewSubfileType bits. */
export const SUBFILE = { REDUCED: 1, MASK: 4 } as const;
