import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "../../src/config/mod.ts";

const ORIGIN = { file: "/etc/tessera/config.yml", baseDir: "/etc/tessera" };

function problemsOf(profile: Record<string, unknown>, top: Record<string, unknown> = {}): string[] {
  try {
    parseConfig({ ...top, profiles: { scans: { type: "disk", ...profile } } }, ORIGIN);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return [...error.problems];
  }
}

Deno.test("parseConfig() accepts each access mode with its keys", () => {
  assert.deepEqual(problemsOf({ access: "token", access_max_unauthorized_size: 800 }), []);
  assert.deepEqual(
    problemsOf({ access: "token", access_origins: ["https://viewer.example.org"] }),
    [],
  );
  assert.deepEqual(problemsOf({ access: "ip", access_allow_ips: ["10.0.0.0/8", "::1"] }), []);
  assert.deepEqual(problemsOf({}, { client_ip_header: "X-Forwarded-For" }), []);
});

Deno.test("parseConfig() refuses access keys that are wrong or would be ignored", () => {
  const cases: readonly (readonly [Record<string, unknown>, RegExp])[] = [
    [{ access: "ip" }, /access_allow_ips: expected at least one address/],
    [{ access: "token", access_allow_ips: ["10.0.0.0/33"] }, /access_allow_ips\.0: expected an IP/],
    [
      { access_allow_ips: ["10.0.0.0/8"] },
      /access_allow_ips: expected nothing on an access: public/,
    ],
    [{ access_max_unauthorized_size: 500 }, /access_max_unauthorized_size: expected nothing/],
    [
      { access: "ip", access_allow_ips: ["::1"], access_origins: ["https://a.org"] },
      /access_origins/,
    ],
    [
      { access: "token", access_origins: ["https://a.org/path"] },
      /access_origins\.0: expected an origin/,
    ],
    [{ access: "token", access_secret_env: "1BAD" }, /access_secret_env/],
    [{ access: "everyone" }, /access/],
  ];
  for (const [profile, expected] of cases) {
    const problems = problemsOf(profile);
    assert.ok(
      problems.some((problem) => expected.test(problem)),
      `${JSON.stringify(profile)}: ${problems}`,
    );
  }
  assert.ok(
    problemsOf({}, { client_ip_header: "X Forwarded" }).some((p) => /client_ip_header/.test(p)),
  );
});
