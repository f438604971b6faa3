import { loadWasm } from "./_load_wasm.ts";

/** The options of an Emscripten module factory that Tessera sets. */
interface EmscriptenOptions {
  readonly noInitialRun: boolean;
  readonly instantiateWasm: (
    imports: WebAssembly.Imports,
    done: (instance: WebAssembly.Instance) => void,
  ) => WebAssembly.Exports;
  readonly print: (text: string) => void;
  readonly printErr: (text: string) => void;
}

/** The default export of an Emscripten-generated module (`MODULARIZE`). */
export type EmscriptenFactory<T> = (options: EmscriptenOptions) => Promise<T>;

/**
 * Instantiates an Emscripten codec from its package's `.wasm` file, sending whatever the C code
 * prints (libjpeg's warnings, for one) to `onMessage` instead of the console.
 *
 * @param factory The module factory, the default export of the generated `.js` file.
 * @param wasmSpecifier The bare specifier of the matching `.wasm` file.
 * @param onMessage Receives each line written to stdout or stderr; discarded by default.
 */
export async function instantiateEmscripten<T>(
  factory: EmscriptenFactory<T>,
  wasmSpecifier: string,
  onMessage: (text: string) => void = discard,
): Promise<T> {
  const module = await loadWasm(wasmSpecifier);
  return await factory({
    noInitialRun: true,
    instantiateWasm(imports, done) {
      const instance = new WebAssembly.Instance(module, imports);
      done(instance);
      return instance.exports;
    },
    print: onMessage,
    printErr: onMessage,
  });
}

function discard(): void {}
