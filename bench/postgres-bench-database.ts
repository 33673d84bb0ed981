/**
 * A fresh PostgreSQL database for one bench round, on the server at BENCH_POSTGRES_URL (default: the local
 * server, trust authentication), dropped afterwards; and the CPU time the server spent for it, read from
 * /proc for each server process connected to it (the server runs on this machine), so that the figure
 * beside SQLite's counts both sides: the bot's process and the database's.
 */
import { readFileSync } from "node:fs";
import pg from "pg";

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
// Linux reports process times in clock ticks; 100 a second on every machine this runs on.
const TICKS_PER_SECOND = 100;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Why the bench cannot use the server, or undefined when it can. */
export async function postgresUnavailable(): Promise<string | undefined> {
  if (ADMIN_URL.trim() === "" || ADMIN_URL === "off") return "BENCH_POSTGRES_URL=off";
  try {
    await admin((client) => client.query("select 1"));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  }
}

export interface BenchDatabase {
  url: string;
  /** CPU microseconds the server's processes for this database have used so far (a running total). */
  serverCpuUs(): Promise<number>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `asn_bench_${process.pid}_${Date.now().toString(36)}`;
  await admin((client) => client.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  // Backends that have gone keep their last reading, so a connection the pool closes still counts.
  const lastTicks = new Map<number, number>();
  return {
    url: url.toString(),
    async serverCpuUs() {
      const { rows } = await admin((client) =>
        client.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1", [name]),
      );
      for (const { pid } of rows) {
        try {
          // Fields after the command name: utime and stime are the 12th and 13th (see proc(5)).
          const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
          const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
          lastTicks.set(pid, Number(fields[11]) + Number(fields[12]));
        } catch {
          // Gone between the query and the read: its last reading stands.
        }
      }
      let ticks = 0;
      for (const value of lastTicks.values()) ticks += value;
      return (ticks / TICKS_PER_SECOND) * 1_000_000;
    },
    async drop() {
      await admin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
