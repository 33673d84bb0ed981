import { spawn } from "node:child_process";
import { onTestFinished } from "vitest";

export interface ProcessResult {
  stdout: string;
  stderr: string;
  /** Exit code; null when a signal ended it. */
  code: number | null;
}

export interface RunProcessOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Written to standard input, which is then closed; without it standard input is closed at once. */
  input?: string;
}

/**
 * Runs a real child process to its end and collects what it printed and its exit code. Call it inside a
 * test: a process still running when the test ends (a failure, a timeout) is killed, not left behind.
 */
export function runProcess(
  command: string,
  args: string[],
  options: RunProcessOptions,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(options.input ?? "");
  });
}
