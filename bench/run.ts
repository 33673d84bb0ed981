import { runEngineThroughputBenchmark } from "./engine-throughput.bench.ts";

const results = [await runEngineThroughputBenchmark()];
process.exitCode = results.every((r) => r.passed) ? 0 : 1;
