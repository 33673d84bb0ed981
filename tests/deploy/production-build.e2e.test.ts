import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import SqliteDatabase from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { migrations } from "../../db/migrations/index.ts";
import { type FakeBotApi, startFakeBotApi } from "../telegram/fake-bot-api.ts";
import { TOKEN } from "../telegram/telegram-harness.ts";

// `npm run build` and then the compiled bot, as production runs it (node dist/main.js, no tsx): it must
// find its migrations and FAQ data in dist/, answer in the console chat, and stop cleanly on SIGTERM.

const ROOT = join(import.meta.dirname, "../..");
const MAIN = join(ROOT, "dist/main.js");
const WAIT_MS = 20_000;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "asn-build-"));
  await promisify(execFile)(process.execPath, ["--import", "tsx", "deploy/build.ts"], { cwd: ROOT });
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(env: Record<string, string>, stdin: "pipe" | "ignore") {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, TELEGRAM_BOT_TOKEN: "", WHATSAPP_ENABLED: "", HTTP_PORT: "", ...env },
    stdio: [stdin, "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => stdout, errors: () => stderr };
}

describe("the compiled bot (npm run build, node dist/main.js)", () => {
  test("answers in the console chat on a new database, with every migration applied", async () => {
    const databasePath = join(dir, "console.db");
    const bot = run({ DATABASE_PATH: databasePath }, "pipe");
    bot.child.stdin!.end("menu\nbagaimana cara reset password sscasn\n");
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toMatch(/Silakan pilih jenis masalah/);
    // The FAQ data came along: the question is answered from it.
    expect(bot.output()).toMatch(/Gunakan menu Reset Password/);
    const db = new SqliteDatabase(databasePath, { readonly: true });
    try {
      const applied = db.prepare("select name from kysely_migration order by name").all();
      expect(applied.map((row) => (row as { name: string }).name)).toEqual(Object.keys(migrations).sort());
    } finally {
      db.close();
    }
  });

  test("runs the Telegram channel with its operations endpoint and exits 0 on SIGTERM", async () => {
    let fake: FakeBotApi | undefined;
    try {
      fake = await startFakeBotApi();
      const bot = run(
        {
          DATABASE_PATH: join(dir, "telegram.db"),
          TELEGRAM_BOT_TOKEN: TOKEN,
          TELEGRAM_API_ROOT: fake.apiRoot,
          TELEGRAM_WEBHOOK_URL: "",
          LOG_LEVEL: "info",
          HTTP_PORT: "0",
        },
        "ignore",
      );
      await fake.waitForCall((call) => call.method === "getUpdates", { timeoutMs: WAIT_MS });
      // The endpoint is loaded on demand (a dynamic import), which must resolve in dist/ too.
      const port = Number(/"port":(\d+),"msg":"operations endpoint listening/.exec(bot.errors())?.[1]);
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(/^# TYPE helpdesk_messages_received_total counter$/m);
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
      expect(bot.errors()).toMatch(/"msg":"stopped; unsent messages stay queued/);
    } finally {
      await fake?.close();
    }
  });

  test("the systemd unit stops the bot with SIGTERM and waits longer than its shutdown deadline", () => {
    const unit = readFileSync(join(ROOT, "deploy/asn-helpdesk.service"), "utf8");
    const setting = (key: string) => unit.match(new RegExp(`^${key}=(.*)$`, "m"))?.[1];
    expect(setting("ExecStart")).toMatch(/node .*\/dist\/main\.js$/);
    expect(setting("KillSignal")).toBe("SIGTERM");
    expect(setting("Restart")).toBe("on-failure");
    const example = readFileSync(join(ROOT, ".env.example"), "utf8");
    const deadline = Number(example.match(/^SHUTDOWN_DEADLINE_SECONDS=(\d+)/m)?.[1]);
    // The bot's own last resort is the deadline plus one second.
    expect(Number.parseInt(setting("TimeoutStopSec") ?? "", 10)).toBeGreaterThan(deadline + 1);
  });
});
