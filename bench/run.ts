import { runEngineThroughputBenchmark } from "./engine-throughput.bench.ts";
import { runLongMessageBenchmark } from "./long-message.bench.ts";

const results = [await runEngineThroughputBenchmark(), await runLongMessageBenchmark()];
process.exitCode = results.every((r) => r.passed) ? 0 : 1;
