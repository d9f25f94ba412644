// CPU time another process has used (user + system, from /proc/<pid>/stat):
// read before and after a load, it says what the load cost that process,
// whatever else the machine was running meanwhile.
import { readFile } from "node:fs/promises";

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Milliseconds of CPU the process `pid` has used so far, in its own code (user) and in the kernel (system). */
export async function processCpuSplitMs(
  pid: number,
): Promise<{ userMs: number; systemMs: number }> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ms = (ticks: string | undefined) => (Number(ticks) * 1000) / TICKS_PER_SECOND;
  return { userMs: ms(fields[11]), systemMs: ms(fields[12]) };
}

/** Milliseconds of CPU the process `pid` has used so far. */
export async function processCpuMs(pid: number): Promise<number> {
  const { userMs, systemMs } = await processCpuSplitMs(pid);
  return userMs + systemMs;
}
