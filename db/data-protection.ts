import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import { DataCipher } from "./data-cipher.ts";
import type { Db } from "./schema.ts";

/**
 * Carries the database's DataCipher with the kysely instance (and every transaction made from it, which
 * keeps the plugins), so repositories find the key from the `db` they are given and nothing outside db/
 * ever handles it. It changes no query.
 */
export class DataProtectionPlugin implements KyselyPlugin {
  constructor(readonly cipher: DataCipher) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** The cipher of a database opened by openDatabase. */
export function cipherOf(db: Db): DataCipher {
  for (const plugin of db.getExecutor().plugins) {
    if (plugin instanceof DataProtectionPlugin) return plugin.cipher;
  }
  throw new Error("database was not opened with openDatabase: no data key");
}

export { DataCipher };
