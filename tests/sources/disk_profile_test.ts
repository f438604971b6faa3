import assert from "node:assert/strict";
import { DiskProfile, type DiskProfileOptions } from "../../src/sources/disk_profile.ts";

/**
 * A temporary folder holding the profile folder `root/` and, beside it, files the profile must
 * never reach (`secret.jpg`, `outside/`), which the symlinks inside `root/` point to.
 */
async function makeTree(): Promise<{ base: string; root: string }> {
  const base = await Deno.makeTempDir({ prefix: "tessera-disk-profile-" });
  const root = `${base}/root`;
  const files: Record<string, string> = {
    "secret.jpg": "secret",
    "outside/x.jpg": "outside",
    "outside/linked.jpg": "target of a file link",
    "root/top.jpg": "top",
    "root/a/b/c.jpg": "nested",
    "root/a/b.jpg": "b",
    "root/a.jpg": "a",
    "root/a-b.jpg": "a-b",
    "root/a0.jpg": "a0",
    "root/etc/passwd": "not the system one",
    "root/.hidden.jpg": "hidden",
    "root/.git/x.jpg": "in a hidden folder",
    "root/a/.h.jpg": "hidden in a subfolder",
  };
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(`${base}/${path}`.replace(/\/[^/]+$/, ""), { recursive: true });
    await Deno.writeTextFile(`${base}/${path}`, text);
  }
  await Deno.symlink(`${base}/outside/linked.jpg`, `${root}/link.jpg`);
  await Deno.symlink(`${base}/outside`, `${root}/linked`);
  await Deno.symlink(`${base}/nothing.jpg`, `${root}/dangling.jpg`);
  return { base, root };
}

async function withProfile(
  options: DiskProfileOptions,
  body: (profile: DiskProfile, tree: { base: string; root: string }) => Promise<void>,
): Promise<void> {
  const tree = await makeTree();
  try {
    await body(new DiskProfile("p", tree.root, options), tree);
  } finally {
    await Deno.remove(tree.base, { recursive: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `body` while counting `Deno.readDir` calls, and returns the folders read. */
async function readDirCalls(body: () => Promise<unknown>): Promise<string[]> {
  const original = Deno.readDir;
  const calls: string[] = [];
  Deno.readDir = (path) => {
    calls.push(String(path));
    return original(path);
  };
  try {
    await body();
  } finally {
    Deno.readDir = original;
  }
  return calls;
}

Deno.test("DiskProfile.resolve() finds top-level and nested files, with size and mtime", async () => {
  await withProfile({}, async (profile, { root }) => {
    for (const [name, text] of [["top.jpg", "top"], ["a/b/c.jpg", "nested"], ["a/b.jpg", "b"]]) {
      const ref = await profile.resolve(name);
      const stat = await Deno.stat(`${root}/${name}`);
      assert.deepEqual(ref, {
        profile: "p",
        name,
        path: `${root}/${name}`,
        size: text.length,
        mtimeMs: stat.mtime!.getTime(),
      });
    }
  });
});

Deno.test("DiskProfile.resolve() answers undefined for names that are not a served file", async () => {
  const names = [
    "missing.jpg",
    "a/missing.jpg",
    "missing/c.jpg",
    "a", // a folder
    "a/b", // a folder
    "a/b/c.jpg/d", // a file used as a folder
    "top.jpg/",
    "../secret.jpg",
    "../root/top.jpg",
    "a/../top.jpg",
    "a/../../secret.jpg",
    "./top.jpg",
    "a/./b.jpg",
    ".",
    "..",
    "",
    "/",
    "//top.jpg",
    "a//b.jpg",
    "/top.jpg",
    "/etc/passwd",
    "A.JPG", // matching is exact, also on case-insensitive file systems
    ".hidden.jpg",
    ".git/x.jpg",
    "a/.h.jpg",
    "linked", // a symlinked folder
    "linked/x.jpg", // inside a symlinked folder
    "dangling.jpg",
  ];
  await withProfile({}, async (profile, { root }) => {
    names.push(`${root}/top.jpg`, `${root}/../secret.jpg`);
    for (const name of names) assert.equal(await profile.resolve(name), undefined, name);
  });
});

Deno.test("DiskProfile.resolve() serves a name whose %2F was decoded into /", async () => {
  await withProfile({}, async (profile) => {
    const name = decodeURIComponent("a%2Fb%2Fc.jpg");
    assert.equal((await profile.resolve(name))?.name, "a/b/c.jpg");
    assert.equal(await profile.resolve(decodeURIComponent("..%2Fsecret.jpg")), undefined);
  });
});

Deno.test("DiskProfile.resolve() serves a symlinked file with its target's size", async () => {
  await withProfile({}, async (profile, { root }) => {
    const ref = await profile.resolve("link.jpg");
    assert.equal(ref?.path, `${root}/link.jpg`);
    assert.equal(ref?.size, "target of a file link".length);
  });
});

Deno.test("DiskProfile.resolve() reads one folder per segment on a miss, never the tree", async () => {
  await withProfile({}, async (profile, { root }) => {
    const first = await readDirCalls(() => profile.resolve("a/b/missing.jpg"));
    assert.deepEqual(first, [`${root}/`, `${root}/a/`, `${root}/a/b/`]);
    const again = await readDirCalls(async () => {
      assert.equal(await profile.resolve("a/b/other-missing.jpg"), undefined);
      assert.equal((await profile.resolve("a/b/c.jpg"))?.name, "a/b/c.jpg");
      assert.equal(await profile.resolve("nope/x.jpg"), undefined);
    });
    assert.deepEqual(again, []);
  });
});

Deno.test("DiskProfile.resolve() reads a folder once for concurrent lookups", async () => {
  await withProfile({}, async (profile, { root }) => {
    const calls = await readDirCalls(() =>
      Promise.all(["top.jpg", "a.jpg", "missing.jpg"].map((name) => profile.resolve(name)))
    );
    assert.deepEqual(calls, [`${root}/`]);
  });
});

Deno.test("DiskProfile.resolve() sees a file created after a miss once folderTtlMs passed", async () => {
  await withProfile({ folderTtlMs: 400 }, async (profile, { root }) => {
    assert.equal(await profile.resolve("a/new.jpg"), undefined);
    await Deno.writeTextFile(`${root}/a/new.jpg`, "new");
    assert.equal(await profile.resolve("a/new.jpg"), undefined, "listing reused within the TTL");
    await sleep(500);
    assert.equal((await profile.resolve("a/new.jpg"))?.size, 3);
  });
});

Deno.test("DiskProfile.resolve() answers undefined at once for a deleted file", async () => {
  await withProfile({ folderTtlMs: 60_000 }, async (profile, { root }) => {
    assert.notEqual(await profile.resolve("a/b/c.jpg"), undefined);
    await Deno.remove(`${root}/a/b/c.jpg`);
    assert.equal(await profile.resolve("a/b/c.jpg"), undefined);
    await Deno.remove(`${root}/a`, { recursive: true });
    assert.equal(await profile.resolve("a/b.jpg"), undefined);
  });
});

Deno.test("DiskProfile.resolve() answers undefined when the profile folder is missing", async () => {
  const base = await Deno.makeTempDir({ prefix: "tessera-disk-profile-" });
  try {
    const profile = new DiskProfile("p", `${base}/none`);
    assert.equal(await profile.resolve("x.jpg"), undefined);
    assert.deepEqual(await profile.list(), []);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});

const ALL_NAMES = [
  "a-b.jpg",
  "a.jpg",
  "a/b.jpg",
  "a/b/c.jpg",
  "a0.jpg",
  "etc/passwd",
  "link.jpg",
  "top.jpg",
];

Deno.test("DiskProfile.list() lists served files sorted, without hidden or linked folders", async () => {
  await withProfile({}, async (profile) => {
    const names = await profile.list();
    assert.deepEqual(names, ALL_NAMES);
    assert.deepEqual(names, [...names].sort());
  });
});

Deno.test("DiskProfile.list() returns the first listLimit names in sorted order", async () => {
  for (const limit of [1, 3, 4, 100]) {
    await withProfile({ listLimit: limit }, async (profile) => {
      assert.deepEqual(await profile.list(), ALL_NAMES.slice(0, limit), `limit ${limit}`);
    });
  }
});

Deno.test("DiskProfile.list() stops reading folders once listLimit names are found", async () => {
  await withProfile({ listLimit: 2 }, async (profile, { root }) => {
    const calls = await readDirCalls(() => profile.list());
    assert.deepEqual(calls, [root]);
  });
});

Deno.test("DiskProfile.list() reuses its result for listTtlMs", async () => {
  await withProfile({ listTtlMs: 400 }, async (profile, { root }) => {
    const first = await profile.list();
    await Deno.writeTextFile(`${root}/b.jpg`, "b");
    first.length = 0; // callers get a copy
    assert.deepEqual(await profile.list(), ALL_NAMES);
    await sleep(500);
    assert.ok((await profile.list()).includes("b.jpg"));
  });
});

Deno.test("DiskProfile.list() skips a sub-folder it may not read", async () => {
  await withProfile({}, async (profile, { root }) => {
    const original = Deno.readDir;
    // Root reads every folder, so refusal is simulated where the server would meet it.
    Deno.readDir = (path) => {
      if (String(path) === `${root}/a/b`) throw new Deno.errors.PermissionDenied("denied");
      return original(path);
    };
    try {
      const names = await profile.list();
      assert.ok(!names.includes("a/b/c.jpg"));
      assert.ok(names.includes("top.jpg"));
    } finally {
      Deno.readDir = original;
    }
  });
});
