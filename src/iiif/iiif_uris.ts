/** The `protocol` value of every info.json. */
export const IIIF_PROTOCOL = "http://iiif.io/api/image" as const;

/** The JSON-LD context of each API version: info.json `@context` and the 3.0 media type profile. */
export const IIIF_CONTEXT = {
  2: "http://iiif.io/api/image/2/context.json",
  3: "http://iiif.io/api/image/3/context.json",
} as const;

/**
 * The level 2 compliance profile of each API version: the `Link: <…>;rel="profile"` target (and
 * the 2.1 info.json `profile`). These are `http` URIs on purpose, as the specifications write them.
 */
export const IIIF_PROFILE = {
  2: "http://iiif.io/api/image/2/level2.json",
  3: "http://iiif.io/api/image/3/level2.json",
} as const;
