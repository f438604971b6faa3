/** The text of a thrown value, which wasm bindings do not always wrap in an Error. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
