/**
 * The commands of `tessera` other than `serve`: each takes parsed arguments and prints its
 * result; `main.ts` only parses the command line and dispatches.
 *
 * @module
 */
export { describeProbedImage, infoCommand } from "./info_command.ts";
export { purgeCommand } from "./purge_command.ts";
export { tokenCommand, type TokenOptions } from "./token_command.ts";
export { warmCommand, type WarmOptions } from "./warm_command.ts";
