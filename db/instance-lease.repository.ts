import { type Kysely, type RawBuilder, sql } from "kysely";
import { isPostgres } from "./dialect.ts";
import type { Database, Db, IsoTimestamp } from "./schema.ts";

// A lease gives one running instance a resource only one may use at a time (Telegram long polling, a
// WhatsApp number's socket). Every time is taken from the database's clock inside the statement, so
// instances on machines whose clocks disagree still agree on when a lease has expired.

export interface InstanceLeaseTable {
  /** What is leased: "telegram-polling", "whatsapp-socket:<session>"... */
  name: string;
  /** INSTANCE_ID of the instance holding it. */
  holder: string;
  /** The database's time after which another instance may take it. */
  lease_until: IsoTimestamp;
  /** When the current holder took it (kept across its renewals). */
  acquired_at: IsoTimestamp;
  renewed_at: IsoTimestamp;
}

// A type alias, not an interface: $extendTables needs a type with an implicit index signature.
type LeaseTables = { instance_leases: InstanceLeaseTable };

function leaseTables(db: Db): Kysely<Database & LeaseTables> {
  return db.$extendTables<LeaseTables>();
}

/** The database's time now plus `ms`, as ISO-8601 text like Date.toISOString(). */
function databaseTimePlus(db: Db, ms: number): RawBuilder<string> {
  const seconds = Math.max(0, ms) / 1000;
  if (isPostgres(db)) {
    return sql<string>`to_char((statement_timestamp() at time zone 'UTC') + make_interval(secs => ${seconds}::double precision), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  }
  return sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`+${seconds.toFixed(3)} seconds`})`;
}

export interface LeaseClaim {
  name: string;
  holder: string;
  /** How long the lease lasts from now unless renewed. */
  leaseMs: number;
}

export type ClaimResult = { acquired: true } | { acquired: false; holder: string | undefined };

/**
 * Takes the lease `name` for `holder`, or renews it when `holder` has it already: succeeds when the lease is
 * free (never taken, released) or expired, or is this holder's own. One statement, so two instances asking
 * at once cannot both succeed. When it fails, says who holds it.
 */
export async function claimLease(db: Db, claim: LeaseClaim): Promise<ClaimResult> {
  const now = databaseTimePlus(db, 0);
  const row = await leaseTables(db)
    .insertInto("instance_leases")
    .values({
      name: claim.name,
      holder: claim.holder,
      lease_until: databaseTimePlus(db, claim.leaseMs),
      acquired_at: now,
      renewed_at: now,
    })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet((eb) => ({
          holder: eb.ref("excluded.holder"),
          lease_until: eb.ref("excluded.lease_until"),
          renewed_at: eb.ref("excluded.renewed_at"),
          acquired_at: eb
            .case()
            .when("instance_leases.holder", "=", eb.ref("excluded.holder"))
            .then(eb.ref("instance_leases.acquired_at"))
            .else(eb.ref("excluded.acquired_at"))
            .end(),
        }))
        .where((eb) =>
          eb.or([
            eb("instance_leases.holder", "=", eb.ref("excluded.holder")),
            eb("instance_leases.lease_until", "<=", eb.ref("excluded.acquired_at")),
          ]),
        ),
    )
    .returning("holder")
    .executeTakeFirst();
  if (row) return { acquired: true };
  return { acquired: false, holder: (await findLease(db, claim.name))?.holder };
}

/** Gives the lease up at once (a clean stop): another instance may take it with its next claim. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<boolean> {
  const result = await leaseTables(db)
    .deleteFrom("instance_leases")
    .where("name", "=", name)
    .where("holder", "=", holder)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface LeaseState {
  holder: string;
  leaseUntil: IsoTimestamp;
  acquiredAt: IsoTimestamp;
  /** Whether it is still valid by the database's clock. */
  valid: boolean;
}

/** Who holds the lease `name` and until when; undefined when nobody ever took it or it was released. */
export async function findLease(db: Db, name: string): Promise<LeaseState | undefined> {
  const row = await leaseTables(db)
    .selectFrom("instance_leases")
    .select(["holder", "lease_until", "acquired_at", databaseTimePlus(db, 0).as("now")])
    .where("name", "=", name)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    holder: row.holder,
    leaseUntil: row.lease_until,
    acquiredAt: row.acquired_at,
    valid: row.lease_until > row.now,
  };
}
