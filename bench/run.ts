import { runEngineThroughputBenchmark } from "./engine-throughput.bench.ts";
import { runFaqRoutingBenchmark } from "./faq-routing.bench.ts";
import { runLongMessageBenchmark } from "./long-message.bench.ts";
import { runTelegramBurstBenchmark } from "./telegram-burst.bench.ts";

// BENCH_ONLY=faq|engine|long|burst runs one of them.
const all = {
  faq: runFaqRoutingBenchmark,
  engine: runEngineThroughputBenchmark,
  long: runLongMessageBenchmark,
  burst: runTelegramBurstBenchmark,
};
const only = process.env.BENCH_ONLY as keyof typeof all | undefined;
const results = [];
for (const [name, run] of Object.entries(all)) {
  if (only === undefined || only === name) results.push(await run());
}
process.exitCode = results.length > 0 && results.every((r) => r.passed) ? 0 : 1;
