/**
 * For operators moving from one machine to several: `npm run migrate-to-pg` copies the SQLite database at
 * DATABASE_PATH into the empty PostgreSQL database at DATABASE_URL (README "Deployment"). Stop the bot first.
 * Encrypted fields are copied as they are, so the PostgreSQL instances use the same data key: DATA_KEY or
 * DATA_KEY_FILE when set, else the key file beside the SQLite database.
 */
import "dotenv/config";
import { existsSync } from "node:fs";
import { defaultKeyFile } from "../db/data-key.ts";
import {
  copySqliteToPostgres,
  type DataKeySettings,
  openDatabase,
  TargetNotEmptyError,
} from "../db/index.ts";
import { ConfigError, dataKeySettings, loadConfig } from "./config.ts";
import { migrateToPgMessages as messages } from "./migrate-to-pg.messages.ts";

async function main(args: string[]): Promise<number> {
  if (args.length > 0) {
    process.stderr.write(`${messages.usage}\n`);
    return 2;
  }
  const config = loadConfig(process.env);
  if (!config.DATABASE_URL) {
    process.stderr.write(`${messages.noUrl}\n${messages.usage}\n`);
    return 2;
  }
  const sourcePath = config.DATABASE_PATH;
  if (!existsSync(sourcePath)) {
    process.stderr.write(`${messages.noSource(sourcePath)}\n`);
    return 2;
  }
  let keys: DataKeySettings = dataKeySettings(config);
  let keyHint: string | undefined;
  if (!keys.key && !keys.keyFile) {
    // Never a new key here: the copy is only readable with the key the SQLite data is encrypted with.
    const beside = defaultKeyFile(sourcePath);
    if (!existsSync(beside)) {
      process.stderr.write(`${messages.noKey(beside)}\n`);
      return 2;
    }
    keys = { ...keys, keyFile: beside };
    keyHint = messages.keyFileHint(beside);
  }

  const source = await openDatabase(sourcePath, keys);
  try {
    const target = await openDatabase(config.DATABASE_URL, keys);
    try {
      const report = await copySqliteToPostgres(source.db, target.db);
      process.stdout.write(`${messages.done(report, keyHint)}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof TargetNotEmptyError)) throw error;
      process.stderr.write(`${messages.notEmpty(error.message)}\n`);
      return 3;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${error instanceof ConfigError ? reason : `Pemindahan gagal: ${reason}`}\n`);
    process.exitCode = 1;
  },
);
