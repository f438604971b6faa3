/**
 * CPU time and peak memory of a server's process tree, read from /proc (Linux): what a server
 * spent on a scenario, threads and child processes included.
 */

/** Linux reports utime/stime in clock ticks of 1/100 s on every architecture Debian ships. */
const MS_PER_TICK = 10;

/** The process `root` and all its live descendants. */
export function processTree(root: number): number[] {
  const tree = [root];
  for (let index = 0; index < tree.length; index++) {
    tree.push(...childrenOf(tree[index]));
  }
  return tree;
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const task of readDirNames(`/proc/${pid}/task`)) {
    const text = readOrEmpty(`/proc/${pid}/task/${task}/children`);
    children.push(...text.split(" ").filter((word) => word).map(Number));
  }
  return children;
}

/** User plus system CPU milliseconds used so far by the processes `pids` (all their threads). */
export function cpuMilliseconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readOrEmpty(`/proc/${pid}/stat`);
    // Fields after the command name, which is in parentheses and may hold spaces: state is
    // field 3, utime field 14, stime field 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields.length > 12) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * MS_PER_TICK;
}

/**
 * Sets each process's peak resident size back to its current size (`clear_refs` 5), so the
 * next {@link peakRssBytes} reading is the peak of what ran in between.
 *
 * @throws {Deno.errors.PermissionDenied} when the kernel refuses (another user's process).
 */
export function resetPeakRss(pids: number[]): void {
  for (const pid of pids) {
    try {
      Deno.writeTextFileSync(`/proc/${pid}/clear_refs`, "5");
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
}

/** The sum of the processes' peak resident sizes (`VmHWM`), in bytes. */
export function peakRssBytes(pids: number[]): number {
  let kilobytes = 0;
  for (const pid of pids) {
    const match = readOrEmpty(`/proc/${pid}/status`).match(/^VmHWM:\s+(\d+) kB$/m);
    if (match) kilobytes += Number(match[1]);
  }
  return kilobytes * 1024;
}

// A process may exit between listing and reading it; it then simply counts no more. Any other
// error (a missing permission) must stop the run rather than report zeros.
function readOrEmpty(path: string): string {
  try {
    return Deno.readTextFileSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "";
    throw error;
  }
}

function readDirNames(path: string): string[] {
  try {
    return [...Deno.readDirSync(path)].map((entry) => entry.name);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
}
