/** The request URL is longer than the server accepts (HTTP 414). */
export class UriTooLongError extends Error {
  /**
   * @param length The URL's length in characters.
   * @param limit The longest URL accepted.
   */
  constructor(length: number, limit: number) {
    super(`Request URL is ${length} characters long; at most ${limit} are accepted`);
    this.name = "UriTooLongError";
  }
}
