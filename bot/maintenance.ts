import type { Logger } from "pino";
import { type Db, pruneProcessedMessages } from "../db/index.ts";

const HOUR_MS = 60 * 60 * 1000;
// Platforms redeliver within minutes or hours; a week of ids is a wide margin and keeps the table small.
const KEEP_PROCESSED_IDS_MS = 7 * 24 * HOUR_MS;

/** Hourly housekeeping for long-running channels: forgets old processed message ids. */
export function startMaintenance(db: Db, logger: Logger, now: () => Date = () => new Date()) {
  const run = async () => {
    try {
      const removed = await pruneProcessedMessages(
        db,
        new Date(now().getTime() - KEEP_PROCESSED_IDS_MS).toISOString(),
      );
      if (removed > 0) logger.info({ removed }, "pruned processed message ids");
    } catch (error) {
      logger.error({ err: error }, "maintenance failed");
    }
  };
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  void run();
  return { stop: () => clearInterval(timer) };
}
