/**
 * Sends the JPEG 2000 file named on the command line to {@linkcode ./_jp2_worker.ts} and prints
 * the main thread's `jp2Library()` and the worker's report as JSON. Started as a subprocess by
 * the test that runs without OpenJPEG (`TESSERA_OPENJPEG_PATH` pointing nowhere).
 */
import { jp2Library } from "../../../src/codecs/jp2/mod.ts";
import { runJp2Worker } from "./_jp2_worker_client.ts";

const report = await runJp2Worker(await Deno.readFile(Deno.args[0]));
console.log(JSON.stringify({ main: jp2Library(), worker: { ...report, pixels: undefined } }));
