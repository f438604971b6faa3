import {
  type CacheKey,
  type DerivativeCache,
  purgeDerivatives,
  type Rendered,
} from "../../src/cache/mod.ts";
import { type Config, parseConfig } from "../../src/config/mod.ts";
import type { ImagePlan } from "../../src/iiif/mod.ts";
import type { AppDeps, RequestLogEntry } from "../../src/http/mod.ts";
import { createHandler } from "../../src/http/mod.ts";
import { IdentifierNotFoundError, parseIdentifier, type SourceRef } from "../../src/sources/mod.ts";
import type { WorkerPoolStats } from "../../workers/mod.ts";

/** 2024-01-01T00:00:00Z: every fake source's modification time. */
export const SOURCE_MTIME_MS = Date.UTC(2024, 0, 1);

/** What the fake renderer's derivative cache reports. */
export const FAKE_CACHE_STATS = { entries: 3, bytes: 4096, hits: 3, misses: 1 };

/** What the fake app's `/status` reports of its (absent) workers. */
export const FAKE_POOL_STATS: WorkerPoolStats = {
  size: 2,
  busy: 1,
  queued: 0,
  jobs: 7,
  restarts: 0,
  jobsByBackend: { cpu: 5, gpu: 2 },
  fallbacks: 1,
  backends: [
    { backend: "gpu", reason: "gpu: on (test adapter)" },
    { backend: "cpu", reason: "gpu: off" },
  ],
};

/** A 600×400 image `test:quad.jpg` behind the handler, with no disk and no workers. */
export interface FakeApp {
  /** Calls the handler in process; `path` is relative to `http://tessera.test`. */
  request(path: string, init?: RequestInit): Promise<Response>;
  readonly logs: RequestLogEntry[];
  /** The plans the renderer was asked for. */
  readonly rendered: ImagePlan[];
  /** The identifiers the renderer was asked to purge (through `cache`, see {@linkcode fakeApp}). */
  readonly purged: string[];
  /** The sources whose header was asked for. */
  readonly probed: SourceRef[];
}

/**
 * Builds the real handler over fake sources and a fake renderer (typed against `AppDeps`), whose
 * image bodies are the canonical path as text.
 *
 * @param options Config overrides, the server's start time, what `render` does (given the plan
 * and its cache key), what the pool's `stats` say (`FAKE_POOL_STATS` by default) and whether it
 * is full, and the cache's stats and the cache the renderer purges through.
 */
export function fakeApp(options: {
  config?: Record<string, unknown>;
  startedAt?: number;
  render?: (plan: ImagePlan, key: CacheKey) => Promise<Rendered>;
  stats?: () => WorkerPoolStats;
  /** What the pool's `throwIfFull` does (nothing by default: there is room). */
  throwIfFull?: () => void;
  /** What the derivative cache reports (`FAKE_CACHE_STATS` by default). */
  cacheStats?: typeof FAKE_CACHE_STATS;
  /** The cache the renderer purges (by default the disk folder under `cache_path`). */
  cache?: Pick<DerivativeCache, "purge">;
} = {}): FakeApp {
  const config: Config = parseConfig({
    default_profile: "test",
    profiles: { test: { type: "disk", listable: true } },
    ...options.config,
  }, { file: "(test config)", baseDir: "/srv/tessera" });
  const profiles = new Set(Object.keys(config.profiles));
  const rendered: ImagePlan[] = [];
  const purged: string[] = [];
  const probed: SourceRef[] = [];
  const deps: AppDeps = {
    config,
    startedAt: options.startedAt ?? SOURCE_MTIME_MS - 1000,
    // Its one profile is public.
    profileAccess: new Map(),
    sources: {
      identify: (identifier) =>
        parseIdentifier(identifier, { profiles, defaultProfile: config.default_profile }),
      resolve: (identifier: string) => {
        if (identifier !== "quad.jpg" && identifier !== "test:quad.jpg") {
          return Promise.reject(new IdentifierNotFoundError(identifier));
        }
        const ref: SourceRef = {
          profile: "test",
          name: "quad.jpg",
          path: "/srv/quad.jpg",
          size: 1234,
          mtimeMs: SOURCE_MTIME_MS,
        };
        return Promise.resolve({ ref, profile: config.profiles.test });
      },
      probe: (ref) => {
        probed.push(ref);
        return Promise.resolve({
          format: "jpeg",
          width: 600,
          height: 400,
          hasAlpha: false,
          scales: [1],
        });
      },
      listable: () => Promise.resolve(["test:quad.jpg"]),
    },
    renderer: {
      render: (key, plan) => {
        rendered.push(plan);
        if (options.render) return options.render(plan, key);
        return Promise.resolve({ body: new TextEncoder().encode(plan.canonical), cache: "miss" });
      },
      stats: () => options.cacheStats ?? FAKE_CACHE_STATS,
      purge: (identifier) => {
        purged.push(identifier);
        return options.cache?.purge(identifier) ?? purgeDerivatives(config, identifier);
      },
      purgeMemory: () => {},
    },
    pool: {
      stats: options.stats ?? (() => FAKE_POOL_STATS),
      throwIfFull: options.throwIfFull ?? (() => {}),
    },
  };
  const logs: RequestLogEntry[] = [];
  const handle = createHandler(deps, (entry) => logs.push(entry));
  return {
    request: (path, init) => handle(new Request(`http://tessera.test${path}`, init)),
    logs,
    rendered,
    purged,
    probed,
  };
}
