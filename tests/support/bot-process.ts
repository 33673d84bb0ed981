import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { ADMIN_CHAT_ID, TOKEN } from "../telegram/telegram-harness.ts";

const ROOT = join(import.meta.dirname, "../..");

export interface BotProcessOptions {
  /** The fake Bot API's root (FakeBotApi.apiRoot). */
  apiRoot: string;
  /** Settings on top of the Telegram defaults below (the database's, LOG_LEVEL, HTTP_PORT...). */
  env?: Record<string, string>;
}

export interface BotProcess {
  child: ChildProcess;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Everything written to stderr so far (the JSON log). */
  stderr(): string;
  /** Resolves with the first match of `pattern` in stderr, now or once it appears. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** The operations port taken with HTTP_PORT=0, from its start-up log line. */
  opsPort(timeoutMs?: number): Promise<number>;
  /** Signals the process and everything it started (its own process group). */
  kill(signal?: NodeJS.Signals): void;
}

/**
 * The real bot (node + tsx running main.ts, as `npm start` does) on Telegram against the tests' local Bot API
 * server, with the admin group set, no webhook and no WhatsApp unless `env` says otherwise. Started inside a
 * test, it is SIGKILLed when the test ends if it is still running.
 */
export function startBotProcess(options: BotProcessOptions): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: options.apiRoot,
      TELEGRAM_ADMIN_CHAT_ID: String(ADMIN_CHAT_ID),
      TELEGRAM_ADMIN_USER_IDS: "",
      TELEGRAM_WEBHOOK_URL: "",
      WHATSAPP_ENABLED: "false",
      ...options.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
    // Its own process group, so a kill reaches everything it started.
    detached: true,
  });
  let stderr = "";
  const listeners = new Set<() => void>();
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    for (const listener of [...listeners]) listener();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  const kill = (signal: NodeJS.Signals = "SIGKILL") => {
    if (!running()) return;
    try {
      process.kill(-child.pid!, signal);
    } catch {
      child.kill(signal);
    }
  };
  try {
    onTestFinished(() => kill("SIGKILL"));
  } catch {
    // Started outside a test: the caller ends it.
  }

  function waitForLog(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stderr);
        if (!match) return false;
        done();
        resolve(match);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no log line matching ${pattern} within ${timeoutMs} ms:\n${stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      if (!check()) listeners.add(check);
    });
  }

  return {
    child,
    exited,
    stderr: () => stderr,
    waitForLog,
    async opsPort(timeoutMs) {
      const match = await waitForLog(/"port":(\d+),"msg":"operations endpoint listening/, timeoutMs);
      return Number(match[1]);
    },
    kill,
  };
}

/** A TCP port free on 127.0.0.1 right now (for TELEGRAM_WEBHOOK_PORT, which takes no 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
