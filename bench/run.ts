import { runEngineThroughputBenchmark } from "./engine-throughput.bench.ts";
import { runFaqRoutingBenchmark } from "./faq-routing.bench.ts";
import { runLongMessageBenchmark } from "./long-message.bench.ts";

const results = [
  await runFaqRoutingBenchmark(),
  await runEngineThroughputBenchmark(),
  await runLongMessageBenchmark(),
];
process.exitCode = results.every((r) => r.passed) ? 0 : 1;
