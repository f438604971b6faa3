/**
 * Feature names that mean the same in 3.0 and 2.1 and that Tessera implements; each version adds
 * its own (`sizeByWhListed` and friends in 2.1, `sizeUpscaling` in 3.0).
 */
export const COMMON_FEATURES = [
  "baseUriRedirect",
  "canonicalLinkHeader",
  "cors",
  "jsonldMediaType",
  "mirroring",
  "profileLinkHeader",
  "regionByPct",
  "regionByPx",
  "regionSquare",
  "rotationArbitrary",
  "rotationBy90s",
  "sizeByConfinedWh",
  "sizeByH",
  "sizeByPct",
  "sizeByW",
  "sizeByWh",
] as const;
