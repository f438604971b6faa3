import assert from "node:assert/strict";
import { parseIdentifier, type ProfileAndName } from "../../src/sources/mod.ts";

const PROFILES: ReadonlySet<string> = new Set(["p", "maps"]);

const CASES: [string, string | null, ProfileAndName | undefined][] = [
  // identifier, default profile, expected
  ["p:name.jpg", null, { profile: "p", name: "name.jpg" }],
  ["p:name.jpg", "maps", { profile: "p", name: "name.jpg" }],
  ["maps:a/b.png", null, { profile: "maps", name: "a/b.png" }],
  ["p:a:b.jpg", null, { profile: "p", name: "a:b.jpg" }],
  ["p::x", null, { profile: "p", name: ":x" }],
  ["x:y.jpg", null, undefined],
  ["x:y.jpg", "p", { profile: "p", name: "x:y.jpg" }],
  ["P:y.jpg", "maps", { profile: "maps", name: "P:y.jpg" }],
  ["name.jpg", null, undefined],
  ["name.jpg", "p", { profile: "p", name: "name.jpg" }],
  [":name.jpg", null, undefined],
  [":name.jpg", "p", { profile: "p", name: ":name.jpg" }],
  ["p:", null, undefined],
  ["p:", "maps", { profile: "maps", name: "p:" }],
  ["", null, undefined],
  ["", "p", undefined],
];

for (const [identifier, defaultProfile, expected] of CASES) {
  Deno.test(
    `parseIdentifier() maps "${identifier}" with default ${defaultProfile} to ${
      JSON.stringify(expected)
    }`,
    () => {
      assert.deepEqual(
        parseIdentifier(identifier, { profiles: PROFILES, defaultProfile }),
        expected,
      );
    },
  );
}
