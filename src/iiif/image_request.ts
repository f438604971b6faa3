/** The IIIF Image API major version a request was made under. */
export type IiifVersion = 2 | 3;

/** The region parameter, as parsed (not yet resolved against an image). */
export type RegionRequest =
  | { readonly kind: "full" }
  | { readonly kind: "square" }
  | {
    readonly kind: "pixels" | "percent";
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  };

/** The size parameter, as parsed. `upscale` is the 3.0 `^` prefix (always false in 2.1). */
export type SizeRequest =
  & { readonly upscale: boolean }
  & (
    | { readonly kind: "max" }
    | { readonly kind: "full" }
    | { readonly kind: "width"; readonly width: number }
    | { readonly kind: "height"; readonly height: number }
    | { readonly kind: "percent"; readonly percent: number }
    | { readonly kind: "exact" | "confined"; readonly width: number; readonly height: number }
  );

/** The rotation parameter: clockwise degrees in [0, 360] and the `!` mirror flag. */
export interface RotationRequest {
  readonly degrees: number;
  readonly mirror: boolean;
}

/** The IIIF qualities. */
export type Quality = "default" | "color" | "gray" | "bitonal";

/** The output formats Tessera produces (file extension as in the URL). */
export type OutputFormat = "jpg" | "png" | "webp" | "gif" | "tif";

/** A fully parsed image request: syntax checked, nothing resolved against a source yet. */
export interface ImageRequest {
  readonly version: IiifVersion;
  /** The identifier, percent-decoded once. */
  readonly identifier: string;
  readonly region: RegionRequest;
  readonly size: SizeRequest;
  readonly rotation: RotationRequest;
  readonly quality: Quality;
  readonly format: OutputFormat;
}
