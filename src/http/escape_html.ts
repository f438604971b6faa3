const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML element content and quoted attribute values, so an identifier or URL
 * can never open a tag or leave its attribute.
 *
 * @example Escape markup in an identifier
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(escapeHtml(`a<b>"c"`), "a&lt;b&gt;&quot;c&quot;");
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}
