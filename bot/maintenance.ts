import type { Logger } from "pino";
import {
  type Db,
  DEFAULT_RETENTION,
  pruneProcessedMessages,
  purgePersonalData,
  type RetentionPolicy,
} from "../db/index.ts";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
// Platforms redeliver within minutes or hours; a week of ids is a wide margin and keeps the table small.
const KEEP_PROCESSED_IDS_MS = 7 * DAY_MS;

/**
 * Housekeeping for long-running channels: forgets old processed message ids hourly, and applies the
 * personal-data retention policy at start and then daily. The timers never keep the process alive.
 */
export function startMaintenance(
  db: Db,
  logger: Logger,
  options: { now?: () => Date; retention?: RetentionPolicy } = {},
) {
  const now = options.now ?? (() => new Date());
  const retention = options.retention ?? DEFAULT_RETENTION;
  const pruneIds = async () => {
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
  const purge = async () => {
    try {
      const report = await purgePersonalData(db, { now: now(), policy: retention });
      // Counts only: the report never holds personal data.
      if (Object.values(report).some((n) => n > 0)) logger.info({ purged: report }, "retention purge done");
    } catch (error) {
      logger.error({ err: error }, "retention purge failed");
    }
  };
  const hourly = setInterval(pruneIds, HOUR_MS);
  hourly.unref();
  const daily = setInterval(purge, DAY_MS);
  daily.unref();
  const started = Promise.all([pruneIds(), purge()]).then(() => undefined);
  return {
    /** Settles when the start-up pass is done (it never rejects). */
    started,
    stop: () => {
      clearInterval(hourly);
      clearInterval(daily);
    },
  };
}
