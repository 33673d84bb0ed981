import type { Migration } from "kysely/migration";
import * as initial from "./2026-11-29T1100-initial.ts";
import * as whatsapp from "./2026-11-29T1200-whatsapp.ts";
import * as telegram from "./2026-11-29T1210-telegram.ts";
import * as faqLearning from "./2026-11-29T1220-faq-learning.ts";
import * as insertionOrder from "./2026-12-03T0945-insertion-order.ts";
import * as statusProof from "./2026-12-03T0955-status-proof.ts";
import * as whatsappChoices from "./2026-12-03T1000-whatsapp-choices.ts";
import * as personalData from "./2026-12-03T1005-personal-data.ts";
import * as ticketAftercare from "./2026-12-03T1015-ticket-aftercare.ts";
import * as telegramAnswerDrafts from "./2026-12-03T1030-telegram-answer-drafts.ts";
import * as durableOutbox from "./2026-12-03T1040-durable-outbox.ts";
import * as outboxSendRounds from "./2026-12-03T1340-outbox-send-rounds.ts";
import * as outboxClaims from "./2026-12-05T0900-outbox-claims.ts";
import * as instanceLeases from "./2026-12-05T0910-instance-leases.ts";
import * as lighterMessageWrites from "./2026-12-05T1100-lighter-message-writes.ts";
import * as outboxKeyedBySeq from "./2026-12-06T0900-outbox-keyed-by-seq.ts";

/**
 * Every migration, keyed by its timestamped name. A static object rather than a folder scan so it
 * works the same under tsx, vitest and bundlers. Append new migrations; never rename or edit old ones.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  "2026-11-29T1100-initial": initial,
  "2026-11-29T1200-whatsapp": whatsapp,
  "2026-11-29T1210-telegram": telegram,
  "2026-11-29T1220-faq-learning": faqLearning,
  "2026-12-03T0945-insertion-order": insertionOrder,
  "2026-12-03T0955-status-proof": statusProof,
  "2026-12-03T1000-whatsapp-choices": whatsappChoices,
  "2026-12-03T1005-personal-data": personalData,
  "2026-12-03T1015-ticket-aftercare": ticketAftercare,
  "2026-12-03T1030-telegram-answer-drafts": telegramAnswerDrafts,
  "2026-12-03T1040-durable-outbox": durableOutbox,
  "2026-12-03T1340-outbox-send-rounds": outboxSendRounds,
  "2026-12-05T0900-outbox-claims": outboxClaims,
  "2026-12-05T0910-instance-leases": instanceLeases,
  "2026-12-05T1100-lighter-message-writes": lighterMessageWrites,
  "2026-12-06T0900-outbox-keyed-by-seq": outboxKeyedBySeq,
};
