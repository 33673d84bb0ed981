import { type Compilable, CompiledQuery, type QueryResult } from "kysely";
import type { Db } from "./schema.ts";

/**
 * A fixed-shape query built with kysely once and re-bound with new values on every call.
 *
 * Building and compiling a kysely insert costs tens of microseconds, more than SQLite takes to run it; on the
 * per-message path (several statements per message at a season peak) that dominated. The SQL still comes from
 * the builder, so it stays portable; parameters are located by compiling once with sentinel values.
 */
export function preparedQuery<Name extends string, Row = unknown>(
  names: readonly Name[],
  build: (db: Db, values: Record<Name, string>) => Compilable<Row>,
) {
  // Keyed by the dialect's adapter class: the same shape compiles to different SQL on another database.
  const templates = new Map<unknown, { sql: string; order: Name[] }>();

  function templateFor(db: Db) {
    const key = db.getExecutor().adapter.constructor;
    let template = templates.get(key);
    if (!template) {
      const sentinels = Object.fromEntries(names.map((name) => [name, `\u0000${name}\u0000`])) as Record<
        Name,
        string
      >;
      const compiled = build(db, sentinels).compile();
      const order = compiled.parameters.map((parameter) => {
        const name = names.find((n) => sentinels[n] === parameter);
        if (!name)
          throw new Error(`preparedQuery: parameter ${String(parameter)} is not one of ${names.join(", ")}`);
        return name;
      });
      template = { sql: compiled.sql, order };
      templates.set(key, template);
    }
    return template;
  }

  return (db: Db, values: Record<Name, unknown>): Promise<QueryResult<Row>> => {
    const template = templateFor(db);
    return db.executeQuery<Row>(
      CompiledQuery.raw(
        template.sql,
        template.order.map((name) => values[name]),
      ),
    );
  };
}
