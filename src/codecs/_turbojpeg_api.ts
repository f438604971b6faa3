/**
 * The part of the TurboJPEG 2.1 C API (turbojpeg.h, libjpeg-turbo 2.1) Tessera calls. On Linux
 * x86-64 `unsigned long` is 64 bits, hence `u64` for sizes and size pointers.
 */
export const TURBOJPEG_SYMBOLS = {
  tjInitDecompress: { parameters: [], result: "pointer" },
  tjInitCompress: { parameters: [], result: "pointer" },
  /** (handle, jpegBuf, jpegSize, *width, *height, *jpegSubsamp, *jpegColorspace) */
  tjDecompressHeader3: {
    parameters: ["pointer", "buffer", "u64", "buffer", "buffer", "buffer", "buffer"],
    result: "i32",
  },
  /** (handle, jpegBuf, jpegSize, dstBuf, width, pitch, height, pixelFormat, flags) */
  tjDecompress2: {
    parameters: ["pointer", "buffer", "u64", "buffer", "i32", "i32", "i32", "i32", "i32"],
    result: "i32",
  },
  /** (handle, srcBuf, width, pitch, height, pixelFormat, **jpegBuf, *jpegSize, subsamp, qual, flags) */
  tjCompress2: {
    parameters: [
      "pointer",
      "buffer",
      "i32",
      "i32",
      "i32",
      "i32",
      "buffer",
      "buffer",
      "i32",
      "i32",
      "i32",
    ],
    result: "i32",
  },
  tjInitTransform: { parameters: [], result: "pointer" },
  /** (handle, jpegBuf, jpegSize, n, **dstBufs, *dstSizes, tjtransform *transforms, flags) */
  tjTransform: {
    parameters: ["pointer", "buffer", "u64", "i32", "buffer", "buffer", "buffer", "i32"],
    result: "i32",
  },
  /** (*numScalingFactors) → tjscalingfactor[] ({ int num; int denom; }) */
  tjGetScalingFactors: { parameters: ["buffer"], result: "pointer" },
  tjGetErrorStr2: { parameters: ["pointer"], result: "pointer" },
  tjGetErrorCode: { parameters: ["pointer"], result: "i32" },
  tjFree: { parameters: ["pointer"], result: "void" },
  tjDestroy: { parameters: ["pointer"], result: "i32" },
} as const satisfies Deno.ForeignLibraryInterface;

/** `enum TJPF`: RGBA decodes with alpha set to 0xFF and compresses ignoring it. */
export const TJPF_RGBA = 7;
/** `enum TJPF`: CMYK, 4 bytes a pixel, as stored (libjpeg turns YCCK into CMYK). */
export const TJPF_CMYK = 11;

/**
 * `tjtransform` as 10 `int`s: `r` (x, y, w, h), `op`, `options`, then the `data` and
 * `customFilter` pointers, left null.
 */
export const TJTRANSFORM_INTS = 10;
/** `tjtransform.options`: crop to `r`, whose x and y must lie on iMCU boundaries. */
export const TJXOPT_CROP = 4;

/** `enum TJSAMP`, keyed by Tessera's subsampling names. */
export const TJSAMP = { "444": 0, "422": 1, "420": 2, gray: 3 } as const;

/**
 * `enum TJERR`, as `tjGetErrorCode` answers after a call returned -1: TJERR_WARNING when libjpeg
 * only warned (the call then completed), TJERR_FATAL (1) otherwise. TurboJPEG 2.1 keeps answering
 * TJERR_WARNING when a fatal error follows a warning, so the message must be checked too.
 */
export const TJERR_WARNING = 0;
