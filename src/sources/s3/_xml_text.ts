const ENTITY_REGEXP = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/**
 * The text of every `<tag>…</tag>` element in an S3 XML answer, in document order, entities
 * decoded. S3's answers are flat records of text elements (`Key`, `Code`, `IsTruncated`), so
 * this is all the XML reading they need; an element holding other elements yields their markup.
 *
 * @example Usage
 * ```ts
 * import { xmlTexts } from "./_xml_text.ts";
 * import assert from "node:assert/strict";
 *
 * const xml = "<R><Contents><Key>a&amp;b.jpg</Key></Contents><Key>c&#x20;d</Key></R>";
 * assert.deepEqual(xmlTexts(xml, "Key"), ["a&b.jpg", "c d"]);
 * ```
 *
 * @param xml The answer's text.
 * @param tag An element name without namespace prefix.
 */
export function xmlTexts(xml: string, tag: string): string[] {
  const pattern = new RegExp(`<${tag}>([^]*?)</${tag}>`, "g");
  return [...xml.matchAll(pattern)].map((match) => decodeEntities(match[1]));
}

function decodeEntities(text: string): string {
  return text.replace(ENTITY_REGEXP, (_entity, hex, decimal, name) => {
    if (name !== undefined) return NAMED_ENTITIES[name];
    return String.fromCodePoint(parseInt(hex ?? decimal, hex === undefined ? 10 : 16));
  });
}
