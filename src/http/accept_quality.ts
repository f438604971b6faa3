/** A valid `qvalue` (RFC 9110 §12.4.2). */
const QVALUE_REGEXP = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** How closely a media range matches: exact, `type/*`, `*\/*`. */
const SPECIFICITY = { exact: 2, subtype: 1, any: 0 } as const;

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

/**
 * The weight (`q`, 0–1) an `Accept` header gives a media type: that of the most specific
 * range matching it (exact, then `type/*`, then `*\/*`), 0 when none does. Parameters other
 * than `q` are ignored; a range with a malformed `q` is skipped.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(acceptQuality("application/ld+json;q=0", "application/ld+json"), 0);
 * assert.equal(acceptQuality("*\/*;q=0.5", "application/json"), 0.5);
 * assert.equal(acceptQuality("*\/*", "application/ld+json", { explicitOnly: true }), 0);
 * ```
 *
 * @param accept The header; `null` (absent) accepts everything at 1.
 * @param mediaType `type/subtype`.
 * @param options `explicitOnly`: only a range naming the exact type counts.
 */
export function acceptQuality(
  accept: string | null,
  mediaType: string,
  options: { explicitOnly?: boolean } = {},
): number {
  if (accept === null) return options.explicitOnly ? 0 : 1;
  const [type, subtype] = mediaType.toLowerCase().split("/");
  let best = { specificity: -1, q: 0 };
  for (const range of parseAccept(accept)) {
    const specificity = specificityOf(range, type, subtype);
    if (specificity < 0 || (options.explicitOnly && specificity !== SPECIFICITY.exact)) continue;
    if (specificity > best.specificity || (specificity === best.specificity && range.q > best.q)) {
      best = { specificity, q: range.q };
    }
  }
  return best.q;
}

function specificityOf(range: MediaRange, type: string, subtype: string): number {
  if (range.type === "*" && range.subtype === "*") return SPECIFICITY.any;
  if (range.type !== type) return -1;
  if (range.subtype === subtype) return SPECIFICITY.exact;
  return range.subtype === "*" ? SPECIFICITY.subtype : -1;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const item of accept.split(",")) {
    const [range, ...params] = item.split(";").map((part) => part.trim());
    const [type, subtype] = range.toLowerCase().split("/");
    if (!type || !subtype) continue;
    const qParam = params.find((param) => /^q\s*=/i.test(param));
    const qText = qParam?.replace(/^q\s*=\s*/i, "") ?? "1";
    if (!QVALUE_REGEXP.test(qText)) continue;
    ranges.push({ type, subtype, q: Number(qText) });
  }
  return ranges;
}
