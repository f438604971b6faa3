/** A request Tessera cannot read at all: bad percent-encoding, an overlong URL (HTTP 400). */
export class RequestSyntaxError extends SyntaxError {
  /** @param message What is wrong, quoting the bad part. */
  constructor(message: string) {
    super(message);
    this.name = "RequestSyntaxError";
  }
}
