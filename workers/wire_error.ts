import { CorruptSourceError, UnsupportedSourceError } from "../src/codecs/mod.ts";
import { IiifSyntaxError, isIiifParameter, NotImplementedError } from "../src/iiif/mod.ts";
import {
  ForbiddenSourceError,
  IdentifierNotFoundError,
  UpstreamError,
  UpstreamTimeoutError,
} from "../src/sources/mod.ts";
import type { WireError } from "./protocol.ts";

type Rebuild = (wire: WireError) => Error;

/** Errors a worker may raise that carry meaning (an HTTP status) on the main side. */
const REBUILDERS: Record<string, Rebuild> = {
  IiifSyntaxError: (w) => new IiifSyntaxError(w.message, { parameter: parameterOf(w) }),
  NotImplementedError: (w) => new NotImplementedError(w.message, { parameter: parameterOf(w) }),
  UnsupportedSourceError: (w) => new UnsupportedSourceError(w.message),
  CorruptSourceError: (w) => new CorruptSourceError(w.message),
  // A worker reading a remote source (S3 range reads) fails as the main thread would.
  UpstreamError: (w) => new UpstreamError(w.message),
  UpstreamTimeoutError: (w) => new UpstreamTimeoutError(w.message),
  ForbiddenSourceError: (w) => new ForbiddenSourceError(w.message),
  // A source deleted while its job waited: the message already names the identifier.
  IdentifierNotFoundError: (w) =>
    Object.assign(new IdentifierNotFoundError(""), { message: w.message }),
};

function parameterOf(wire: WireError) {
  return wire.parameter !== undefined && isIiifParameter(wire.parameter)
    ? wire.parameter
    : undefined;
}

/**
 * Flattens any thrown value into a structured-clone-safe record.
 *
 * @param error What was thrown.
 * @returns Its name, message and IIIF parameter if it has one.
 */
export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const parameter = (error as { parameter?: unknown }).parameter;
  return {
    name: error.name,
    message: error.message,
    ...(typeof parameter === "string" ? { parameter } : {}),
  };
}

/**
 * Rebuilds a worker's error into its class so the HTTP error table applies unchanged; an
 * unknown name becomes a plain `Error` (500).
 */
export function fromWireError(wire: WireError): Error {
  const rebuild = REBUILDERS[wire.name];
  if (rebuild) return rebuild(wire);
  const error = new Error(wire.message);
  error.name = wire.name;
  return error;
}
