/**
 * For operators: `npm run purge -- --dry-run` prints what the retention policy would remove now (counts only,
 * never personal data); `npm run purge` removes it. The running bot does the same at start and daily.
 * Uses the same settings as the bot (.env): DATABASE_URL or DATABASE_PATH, the data key and the RETENTION_* days.
 */
import "dotenv/config";
import { openDatabase, type PurgeReport, purgePersonalData } from "../db/index.ts";
import { ConfigError, databaseLocation, dataKeySettings, loadConfig, retentionPolicy } from "./config.ts";
import { purgeMessages } from "./purge.messages.ts";

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((a) => a !== "--dry-run");
  if (unknown.length > 0) {
    process.stderr.write(`${purgeMessages.usage}\n`);
    return 2;
  }
  const dryRun = args.includes("--dry-run");
  const config = loadConfig(process.env);
  const policy = retentionPolicy(config);
  const database = await openDatabase(databaseLocation(config), dataKeySettings(config));
  try {
    if (database.createdKeyFile)
      process.stderr.write(`${purgeMessages.keyFileCreated(database.createdKeyFile)}\n`);
    const report: PurgeReport = await purgePersonalData(database.db, { now: new Date(), policy, dryRun });
    process.stdout.write(`${purgeMessages.report(report, policy, dryRun)}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : `Purge failed: ${error instanceof Error ? error.message : String(error)}`}\n`,
    );
    process.exitCode = 1;
  },
);
