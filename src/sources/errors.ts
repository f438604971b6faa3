/** The identifier names no image of any configured profile (HTTP 404). */
export class IdentifierNotFoundError extends Error {
  /**
   * @param identifier The identifier as the client sent it, percent-decoded.
   * @param options `cause` when a lower layer said why.
   */
  constructor(identifier: string, options?: ErrorOptions) {
    super(`Cannot find image "${identifier}"`, options);
    this.name = "IdentifierNotFoundError";
  }
}
