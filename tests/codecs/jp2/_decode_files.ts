/**
 * Opens each JPEG 2000 file named on the command line and reads its whole level 0, then prints
 * one `{ file, outcome }` per file as JSON: `outcome` is "decoded" or the error's name and
 * message. Started as a subprocess, so a crash in OpenJPEG cannot take the test runner down.
 */
import { openJp2 } from "../../../src/codecs/jp2/mod.ts";
import { allocate, MemorySource } from "./_jp2_fixtures.ts";

async function outcomeOf(file: string): Promise<string> {
  try {
    const reader = await openJp2(new MemorySource(await Deno.readFile(file)));
    const { width, height } = reader.levels[0];
    await reader.readRegion(0, { x: 0, y: 0, width, height }, allocate);
    return "decoded";
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

const outcomes = [];
for (const file of Deno.args) outcomes.push({ file, outcome: await outcomeOf(file) });
console.log(JSON.stringify(outcomes));
