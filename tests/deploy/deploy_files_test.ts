/**
 * Checks the files in `deploy/` against the project they deploy, without Docker or systemd: the
 * image installs the runtime packages `.ci/install` installs and starts the server as `deno task
 * start` does; the unit gives the SIGTERM drain its time; nginx accepts its example (`nginx -t`,
 * from Debian's `nginx-light`) and it forwards and caches as Tessera expects.
 *
 * @module
 */
import assert from "node:assert/strict";
import { loadConfig } from "../../src/config/mod.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const CONTAINER_CONFIG = "/etc/tessera/tessera.yml";

function readProjectFile(path: string): Promise<string> {
  return Deno.readTextFile(`${ROOT}/${path}`);
}

/** The words of a bash array assignment `NAME=(a b c)` in `.ci/install`. */
async function ciInstallArray(name: string): Promise<string[]> {
  const script = await readProjectFile(".ci/install");
  const match = new RegExp(`^${name}=\\(([^)]*)\\)`, "m").exec(script);
  assert.ok(match, `.ci/install has no ${name}=(...) line`);
  return match[1].trim().split(/\s+/);
}

type Instruction = { keyword: string; args: string };

/** Dockerfile stages as instruction lists: comments dropped, continuation lines joined. */
function dockerStages(dockerfile: string): Instruction[][] {
  const lines = dockerfile.split("\n").filter((line) => !line.trimStart().startsWith("#"));
  const joined = lines.join("\n").replace(/\\\n/g, " ");
  const stages: Instruction[][] = [];
  for (const line of joined.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const [keyword, ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    if (instruction.keyword === "FROM") stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

function argsOf(stage: Instruction[], keyword: string): string[] {
  return stage.filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** The packages named by `apt-get install` in a RUN line, options left out. */
function aptInstalled(run: string): string[] {
  return run.split("&&").flatMap((command) => {
    const words = command.trim().split(/\s+/);
    if (words[0] !== "apt-get" || !words.includes("install")) return [];
    return words.slice(words.indexOf("install") + 1).filter((word) => !word.startsWith("-"));
  });
}

/** The `--allow-*` flags of a command line. */
function permissionFlags(command: string): string[] {
  return command.split(/[\s",\[\]]+/).filter((word) => word.startsWith("--allow-")).sort();
}

async function finalStage(): Promise<Instruction[]> {
  const stages = dockerStages(await readProjectFile("deploy/Dockerfile"));
  assert.ok(stages.length > 0, "deploy/Dockerfile has no FROM");
  return stages.at(-1)!;
}

Deno.test("deploy/tessera.yml is a valid configuration listening on every interface", async () => {
  const config = await loadConfig(`${ROOT}/deploy/tessera.yml`);
  assert.equal(config.host, "0.0.0.0");
  assert.ok(config.cache_path.startsWith("/"), "cache_path must be absolute for the volume");
});

Deno.test("Dockerfile installs exactly the runtime packages of .ci/install", async () => {
  const runs = argsOf(await finalStage(), "RUN");
  const installed = runs.flatMap(aptInstalled).sort();
  assert.deepEqual(installed, (await ciInstallArray("RUNTIME_PACKAGES")).sort());
});

Deno.test("Dockerfile builds with the Deno version .ci/install pins", async () => {
  const script = await readProjectFile(".ci/install");
  const pinned = /^DENO_VERSION=(\S+)$/m.exec(script)?.[1];
  const dockerfile = await readProjectFile("deploy/Dockerfile");
  assert.ok(pinned, ".ci/install has no DENO_VERSION= line");
  assert.match(dockerfile, new RegExp(`^ARG DENO_VERSION=${pinned.replaceAll(".", "\\.")}$`, "m"));
});

Deno.test("Dockerfile copies every file the compile task embeds", async () => {
  const { tasks } = JSON.parse(await readProjectFile("deno.json"));
  const includes = [...(tasks.compile as string).matchAll(/--include\s+(\S+)/g)].map((m) => m[1]);
  const [build] = dockerStages(await readProjectFile("deploy/Dockerfile"));
  const copied = argsOf(build, "COPY").flatMap((args) => args.split(/\s+/).slice(0, -1));
  for (const path of [...includes, "main.ts", "deno.json", "deno.lock"]) {
    assert.ok(copied.includes(path), `deploy/Dockerfile does not COPY ${path}`);
  }
});

Deno.test("Dockerfile runs as a non-root user, exposes the port and probes readiness", async () => {
  const stage = await finalStage();
  const { port } = await loadConfig(`${ROOT}/deploy/tessera.yml`);
  const user = argsOf(stage, "USER").at(-1);
  assert.ok(user && !/^(root|0)(:|$)/.test(user), `final USER is ${user ?? "unset"}`);
  assert.deepEqual(argsOf(stage, "EXPOSE"), [String(port)]);
  const [healthcheck] = argsOf(stage, "HEALTHCHECK");
  assert.ok(healthcheck?.includes(`http://127.0.0.1:${port}/health/ready`), healthcheck);
  assert.ok(argsOf(stage, "COPY").includes(`deploy/tessera.yml ${CONTAINER_CONFIG}`));
});

Deno.test("Dockerfile starts serve with the permissions of `deno task start`", async () => {
  const [cmd] = argsOf(await finalStage(), "CMD");
  const { tasks } = JSON.parse(await readProjectFile("deno.json"));
  assert.ok(cmd?.startsWith('["'), "CMD must be in exec form so Deno receives SIGTERM");
  assert.deepEqual(permissionFlags(cmd), permissionFlags(tasks.start));
  assert.ok(cmd.includes(`"serve", "--config", "${CONTAINER_CONFIG}"`), cmd);
});

/** `Key=value` settings of a systemd unit, every value of a repeated key kept. */
function unitSettings(unit: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  for (const line of unit.split("\n")) {
    const match = /^(\w+)=(.*)$/.exec(line.trim());
    if (match) settings.set(match[1], [...settings.get(match[1]) ?? [], match[2]]);
  }
  return settings;
}

/** systemd's `30`, `30s` or `1min` in seconds. */
function unitSeconds(value: string): number {
  const match = /^(\d+)\s*(s|sec|min)?$/.exec(value);
  assert.ok(match, `Cannot read the time span "${value}"`);
  return Number(match[1]) * (match[2] === "min" ? 60 : 1);
}

Deno.test("tessera.service runs serve --config, stops with SIGTERM and is hardened", async () => {
  const unit = unitSettings(await readProjectFile("deploy/tessera.service"));
  const grace = /^const EXIT_GRACE_MS = ([\d_]+);$/m.exec(await readProjectFile("main.ts"));
  assert.ok(grace, "main.ts no longer declares EXIT_GRACE_MS");
  const { cache_path } = await loadConfig(`${ROOT}/deploy/tessera.yml`);
  assert.match(unit.get("ExecStart")?.[0] ?? "", /\sserve --config \/\S+\.yml$/);
  assert.deepEqual(unit.get("KillSignal"), ["SIGTERM"]);
  const stopSeconds = unitSeconds(unit.get("TimeoutStopSec")?.[0] ?? "");
  assert.ok(stopSeconds >= Number(grace[1].replaceAll("_", "")) / 1000, `${stopSeconds} s`);
  assert.deepEqual(unit.get("NoNewPrivileges"), ["true"]);
  assert.deepEqual(unit.get("ProtectSystem"), ["strict"]);
  assert.ok(unit.get("ReadWritePaths")?.join(" ").split(/\s+/).includes(cache_path));
  assert.ok(!unit.has("MemoryDenyWriteExecute"), "V8's JIT needs writable executable memory");
});

Deno.test("nginx.conf passes nginx -t", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tessera_nginx_" });
  try {
    // The example's cache folder would be created by the check; point it into the temp dir.
    const site = (await readProjectFile("deploy/nginx.conf"))
      .replace("/var/cache/nginx/tessera", `${dir}/cache`);
    await Deno.writeTextFile(`${dir}/tessera.conf`, site);
    const main = `pid ${dir}/nginx.pid;\nevents {}\nhttp { include ${dir}/tessera.conf; }\n`;
    await Deno.writeTextFile(`${dir}/nginx.conf`, main);
    const args = ["-t", "-q", "-p", dir, "-c", `${dir}/nginx.conf`, "-e", `${dir}/error.log`];
    const { code, stderr } = await new Deno.Command("nginx", { args, stderr: "piped" }).output()
      .catch((error) => {
        throw new Error("nginx is missing: apt-get install nginx-light", { cause: error });
      });
    assert.equal(code, 0, new TextDecoder().decode(stderr));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("nginx.conf forwards the origin and caches as Tessera's headers say", async () => {
  const conf = (await readProjectFile("deploy/nginx.conf")).replace(/#.*$/gm, "");
  assert.match(conf, /proxy_set_header\s+X-Forwarded-Proto\s+\$scheme;/);
  assert.match(conf, /proxy_set_header\s+X-Forwarded-Host\s+\$http_host;/);
  assert.match(conf, /proxy_cache\s+tessera;/);
  // Upstream Cache-Control decides: no fixed validity, no ignored caching headers.
  assert.doesNotMatch(conf, /proxy_cache_valid|proxy_ignore_headers/);
  // Expired entries are revalidated with If-None-Match, which is never blanked.
  assert.match(conf, /proxy_cache_revalidate\s+on;/);
  assert.doesNotMatch(conf, /proxy_set_header\s+If-None-Match/i);
  assert.match(conf, /proxy_cache_key\s+\S*\$http_host\S*;/, "info.json ids depend on the host");
});
