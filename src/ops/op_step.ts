import type { Rect } from "./raster.ts";

/** Background of the corners uncovered by an arbitrary-angle rotation. */
export type RotationBackground = "transparent" | "white";

/**
 * One image operation of a plan, as a plain record. The planner (`src/iiif/`) emits them in
 * IIIF order (region+size, mirror, rotation, quality), with `flatten` between rotation and
 * quality when a source with alpha is encoded without it (JPEG); a backend runs them in array
 * order.
 *
 * - `resize`: crop `region` (in pixels of the decoded source, fractional allowed) and resample it
 *   to `width`×`height`. Each axis is reduced with an area average or enlarged with Lanczos-3
 *   (see `axisFilter`), so the crop is fused into the resampling pass.
 * - `mirror`: flip on the vertical axis.
 * - `rotate90`: exact clockwise rotation by `quarterTurns` × 90°.
 * - `rotate`: clockwise rotation by `degrees` (not a multiple of 90) into the bounding box, with
 *   bilinear sampling and `background` corners.
 * - `flatten`: composite onto an opaque white background, for output formats without alpha
 *   (JPEG): `c' = round(c·a/255 + 255·(255−a)/255)` for R, G and B, rounded half up, and
 *   `a' = 255`. Opaque pixels are unchanged, fully transparent ones become white whatever colour
 *   they hide. It runs before `gray` and `bitonal`, so a `bitonal` output stays two-level.
 * - `gray`: Rec. 709 luma in R, G and B; alpha kept.
 * - `bitonal`: luma ≥ `threshold` → white, else black; alpha kept.
 * - `watermark`: blends the mark `image` (one of the run's `watermarks`, see `RunOptions`),
 *   repeated edge to edge: pixel (i, j) is blended with mark pixel
 *   `((i + x) mod mw, (j + y) mod mh)` of the `mw`×`mh` mark, so `x`, `y` is where the raster's
 *   top-left pixel lies in the pattern. In exact integers, rounded half up (never a half, 255
 *   being odd): the mark's weight `w = (ma·opacity + 127) / 255` truncated, then per colour
 *   channel `c' = (c·(255 − w) + mc·w + 127) / 255` truncated; the raster's alpha is kept, so
 *   the mark lies on the image and not on its transparent parts. `opacity` is 0–255.
 */
export type OpStep =
  | {
    readonly op: "resize";
    readonly region: Rect;
    readonly width: number;
    readonly height: number;
  }
  | { readonly op: "mirror" }
  | { readonly op: "rotate90"; readonly quarterTurns: 1 | 2 | 3 }
  | { readonly op: "rotate"; readonly degrees: number; readonly background: RotationBackground }
  | { readonly op: "flatten" }
  | { readonly op: "gray" }
  | { readonly op: "bitonal"; readonly threshold: number }
  | {
    readonly op: "watermark";
    /** The key of the mark among `RunOptions.watermarks`. */
    readonly image: string;
    readonly opacity: number;
    readonly x: number;
    readonly y: number;
  };

/** The name of an operation, e.g. `"resize"`. */
export type OpName = OpStep["op"];
