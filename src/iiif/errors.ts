/** The request parameters an IIIF error can blame, in URL order. */
export const IIIF_PARAMETERS = [
  "identifier",
  "region",
  "size",
  "rotation",
  "quality",
  "format",
] as const;

/** One of {@linkcode IIIF_PARAMETERS}. */
export type IiifParameter = typeof IIIF_PARAMETERS[number];

/**
 * Tells whether a value (for instance one received from a worker) names an IIIF parameter.
 *
 * @example Usage
 * ```ts
 * import { isIiifParameter } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isIiifParameter("size"), true);
 * assert.equal(isIiifParameter("colour"), false);
 * ```
 */
export function isIiifParameter(value: unknown): value is IiifParameter {
  return IIIF_PARAMETERS.includes(value as IiifParameter);
}

/** What an IIIF error carries besides its message. */
export interface IiifErrorOptions extends ErrorOptions {
  /** The parameter at fault. */
  readonly parameter?: IiifParameter;
  /** The offending text, as received. */
  readonly value?: string;
}

/**
 * A request that is not valid IIIF, cannot be satisfied (a size larger than the region without
 * `^`, a region outside the image) or exceeds the server's limits: answered with 400.
 *
 * It crosses the worker boundary as `{ name, message, parameter }` and is rebuilt with
 * `new IiifSyntaxError(message, { parameter })`.
 *
 * @example Usage
 * ```ts
 * import { IiifSyntaxError } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new IiifSyntaxError('Cannot parse size "0,": width is zero', {
 *   parameter: "size",
 *   value: "0,",
 * });
 * assert.ok(error instanceof SyntaxError);
 * assert.equal(error.name, "IiifSyntaxError");
 * assert.equal(error.parameter, "size");
 * ```
 */
export class IiifSyntaxError extends SyntaxError {
  /** The parameter at fault, when known. */
  readonly parameter: IiifParameter | undefined;
  /** The offending text, when known. */
  readonly value: string | undefined;

  /**
   * Constructs a new instance.
   *
   * @param message What is wrong, naming the parameter and quoting the value.
   * @param options The parameter, the value and an optional cause.
   */
  constructor(message: string, options: IiifErrorOptions = {}) {
    super(message, options);
    this.name = "IiifSyntaxError";
    this.parameter = options.parameter;
    this.value = options.value;
  }
}

/**
 * A valid IIIF request for something this server does not do (for instance `^` upscaling when
 * it is turned off): answered with 501.
 *
 * It crosses the worker boundary as `{ name, message, parameter }` and is rebuilt with
 * `new NotImplementedError(message, { parameter })`.
 *
 * @example Usage
 * ```ts
 * import { NotImplementedError } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new NotImplementedError('Cannot serve size "^pct:120": upscaling is disabled', {
 *   parameter: "size",
 * });
 * assert.equal(error.name, "NotImplementedError");
 * assert.equal(error.parameter, "size");
 * ```
 */
export class NotImplementedError extends Error {
  /** The parameter at fault, when known. */
  readonly parameter: IiifParameter | undefined;
  /** The offending text, when known. */
  readonly value: string | undefined;

  /**
   * Constructs a new instance.
   *
   * @param message What is not implemented, naming the parameter and quoting the value.
   * @param options The parameter, the value and an optional cause.
   */
  constructor(message: string, options: IiifErrorOptions = {}) {
    super(message, options);
    this.name = "NotImplementedError";
    this.parameter = options.parameter;
    this.value = options.value;
  }
}
