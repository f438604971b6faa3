import { IdentifierNotFoundError, type OpenedBytes, openSourceBytes } from "../src/sources/mod.ts";
import type { JobSource } from "./protocol.ts";

/**
 * Opens a job's source. A file deleted after the request was planned (between info.json and the
 * tile, or while the job waited for a worker) is a 404 for that request, named by identifier so
 * the server's paths never reach the client.
 *
 * @throws {IdentifierNotFoundError} The source no longer exists.
 */
export async function openJobSource(source: JobSource): Promise<OpenedBytes> {
  try {
    return await openSourceBytes(source);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw new IdentifierNotFoundError(source.identifier ?? "(deleted source)", { cause: error });
  }
}
