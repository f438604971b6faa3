import { MESSAGE_CALLBACK } from "./_openjpeg_api.ts";

/**
 * OpenJPEG warnings about quirks it reads past, after which the image is still whole and right.
 * Every other warning (a truncated code-block segment, a missing SOP or EPH marker, a PTERM
 * check failure, a stream without EOC…) means OpenJPEG decoded what it could, so the image is
 * wrong.
 */
const HARMLESS_WARNING_REGEXPS: readonly RegExp[] = [
  /** A marker segment OpenJPEG does not know, which it skips. */
  /^Unknown marker$/,
  /** Tile-parts numbered from 1 (TPsot == TNsot in the first): OpenJPEG renumbers them. */
  /^Non conformant codestream TPsot==TNsot\.$/,
  /** An empty tile-part, which holds no data. */
  /^Empty SOT marker detected: Psot=\d+\.$/,
];

/**
 * The error and warning handlers of one OpenJPEG codec, collecting what it reports. OpenJPEG
 * calls them synchronously, on this thread.
 */
export class OpenJpegMessages {
  readonly error: Deno.UnsafeCallback<typeof MESSAGE_CALLBACK>;
  readonly warning: Deno.UnsafeCallback<typeof MESSAGE_CALLBACK>;
  /** Errors and warnings, in the order OpenJPEG reported them. */
  readonly #messages: string[] = [];
  readonly #warnings: string[] = [];

  /** Creates the handlers; {@linkcode OpenJpegMessages.close} frees them. */
  constructor() {
    this.error = new Deno.UnsafeCallback(MESSAGE_CALLBACK, (message) => {
      this.#messages.push(textOf(message));
    });
    this.warning = new Deno.UnsafeCallback(MESSAGE_CALLBACK, (message) => {
      this.#messages.push(textOf(message));
      this.#warnings.push(textOf(message));
    });
  }

  /** Everything OpenJPEG said, for when a call failed. */
  failure(): string {
    return this.#messages.length > 0 ? this.#messages.join("; ") : "OpenJPEG gave no reason";
  }

  /** The first warning that means the decoded image is wrong, if any. */
  harmfulWarning(): string | undefined {
    return this.#warnings.find((warning) =>
      !HARMLESS_WARNING_REGEXPS.some((harmless) => harmless.test(warning))
    );
  }

  /** Frees the handlers, once OpenJPEG's codec is destroyed. */
  close(): void {
    this.error.close();
    this.warning.close();
  }
}

function textOf(message: Deno.PointerValue): string {
  return message === null ? "" : Deno.UnsafePointerView.getCString(message).trim();
}
