const compiled = new Map<string, Promise<WebAssembly.Module>>();

/**
 * Compiles a `.wasm` file shipped in an npm package, once per thread, reading it from the
 * package's resolved path (a file under `node_modules/` with `nodeModulesDir: "auto"`) rather
 * than letting the package fetch it relative to its own URL.
 *
 * @param specifier A bare specifier such as `@jsquash/png/codec/pkg/squoosh_png_bg.wasm`.
 * @throws {Error} When the specifier does not resolve to a file.
 */
export function loadWasm(specifier: string): Promise<WebAssembly.Module> {
  let module = compiled.get(specifier);
  if (module === undefined) {
    module = compile(specifier);
    compiled.set(specifier, module);
  }
  return module;
}

async function compile(specifier: string): Promise<WebAssembly.Module> {
  const url = new URL(import.meta.resolve(specifier));
  if (url.protocol !== "file:") {
    throw new Error(`Cannot load "${specifier}": it resolves to "${url}", not to a file`);
  }
  return await WebAssembly.compile(await Deno.readFile(url));
}
