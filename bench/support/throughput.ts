// Throughput on one thread: a fixed number of iterations per round, several
// rounds after a warm-up, timed with process.hrtime.bigint. The machine is
// shared, so the fastest round is the figure (least disturbed by other
// processes) and the median is kept beside it; the CPU time the process
// used gives a second view that other load cannot inflate.

export interface Throughput {
  /** Operations per wall-clock second in the fastest round. */
  readonly best: number;
  /** Operations per wall-clock second, median round. */
  readonly median: number;
  /** Operations per CPU-second of this process (user + system) in the fastest round. */
  readonly perCpuSecond: number;
  /** Wall-clock nanoseconds per operation in the fastest round. */
  readonly nsPerOp: number;
}

export interface ThroughputPlan {
  readonly rounds: number;
  readonly iterations: number;
  /** Iterations run before timing, so the code is optimised first. */
  readonly warmup: number;
}

/**
 * Runs `work(iterations)` once to warm up and then `rounds` times timed.
 * `work` returns a value folded into a sink so the optimiser cannot drop it.
 */
export function measureThroughput(
  plan: ThroughputPlan,
  work: (iterations: number) => number,
): Throughput {
  let sink = work(plan.warmup);
  const rates: number[] = [];
  let fastest = { ns: Number.POSITIVE_INFINITY, cpuMicros: 0 };
  for (let round = 0; round < plan.rounds; round++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    sink += work(plan.iterations);
    const ns = Number(process.hrtime.bigint() - start);
    const used = process.cpuUsage(cpu);
    rates.push((plan.iterations * 1e9) / ns);
    if (ns < fastest.ns) fastest = { ns, cpuMicros: used.user + used.system };
  }
  if (Number.isNaN(sink)) throw new Error("unreachable: the sink is never NaN");
  const sorted = [...rates].sort((a, b) => a - b);
  return {
    best: (plan.iterations * 1e9) / fastest.ns,
    median: sorted[Math.floor(sorted.length / 2)]!,
    perCpuSecond: (plan.iterations * 1e6) / Math.max(1, fastest.cpuMicros),
    nsPerOp: fastest.ns / plan.iterations,
  };
}
