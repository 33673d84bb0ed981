import type { Logger } from "pino";
import { openDatabase } from "../db/index.ts";
import { loadFaqData } from "../faq/faq-data.ts";
import { CATEGORY_IDS } from "../flows/categories/index.ts";
import { type Config, databaseLocation, dataKeySettings } from "./config.ts";
import { createConversationEngine } from "./engine/conversation-engine.ts";
import { createFaqRouting } from "./engine/faq-routing.ts";
import { createHelpdeskService } from "./helpdesk/helpdesk.service.ts";

/** Everything the channel adapters share: storage, FAQ routing, the engine and the helpdesk service. */
export async function createApp(
  config: Config,
  logger: Logger,
  options: { adminInbox?: { channel: string; chatId: string; priority?: number } } = {},
) {
  const database = await openDatabase(databaseLocation(config), dataKeySettings(config), { logger });
  if (database.createdKeyFile) {
    // Said once: the next start finds the file. Without it the stored personal data cannot be read.
    logger.warn(
      { keyFile: database.createdKeyFile },
      "no DATA_KEY or DATA_KEY_FILE set: created a new data key file beside the database (mode 0600). " +
        "Back it up apart from the database; without it the stored personal data cannot be read.",
    );
  }
  const routing = createFaqRouting(loadFaqData({ categoryIds: CATEGORY_IDS }));
  // What admins taught the FAQ (/faqtambah) is kept in the database beside the shipped faq.json.
  await routing.loadLearned(database.db);
  const engine = createConversationEngine({
    db: database.db,
    logger,
    routing,
    adminInbox: options.adminInbox,
  });
  const helpdesk = createHelpdeskService({ db: database.db, routing });
  // Every outbox sender of this instance claims its messages under the instance's name; a claim left by
  // a dead instance lapses after the same lease as its other leases.
  const claims = { instanceId: config.INSTANCE_ID, claimLeaseMs: config.INSTANCE_LEASE_SECONDS * 1000 };
  return { db: database.db, engine, helpdesk, routing, claims, close: database.close };
}

export type App = Awaited<ReturnType<typeof createApp>>;
