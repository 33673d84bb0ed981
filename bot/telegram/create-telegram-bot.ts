import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotError, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import type { Db } from "../../db/index.ts";
import type { ConversationEngine } from "../engine/conversation-engine.ts";
import type { HelpdeskService } from "../helpdesk/helpdesk.service.ts";
import { lazyChild } from "../logging/logger.ts";
import { maskId } from "../logging/mask.ts";
import { createAdminAccess } from "./admin-access.ts";
import { type ChoiceCodec, createChoiceCodec } from "./callback-data.ts";
import { adminCardsComposer } from "./features/admin-cards.composer.ts";
import { adminCommandsComposer } from "./features/admin-commands.composer.ts";
import { adminMembershipComposer } from "./features/admin-membership.composer.ts";
import { applicantComposer } from "./features/applicant.composer.ts";
import { attachmentsComposer } from "./features/attachments.composer.ts";
import { catchAllComposer } from "./features/catch-all.composer.ts";
import { chatMembershipComposer } from "./features/chat-membership.composer.ts";
import {
  DEFAULT_FLOOD_CONTROL,
  type FloodControlOptions,
  floodControlComposer,
} from "./features/flood-control.composer.ts";
import { unsupportedComposer } from "./features/unsupported.composer.ts";
import { createFileDownloader } from "./file-download.ts";
import type { InFlightTracker } from "./in-flight.ts";
import type { TelegramContext } from "./telegram-context.ts";
import { describeError } from "./telegram-errors.ts";

export const DEFAULT_API_ROOT = "https://api.telegram.org";

export interface TelegramBotDeps {
  engine: ConversationEngine;
  helpdesk: HelpdeskService;
  db: Db;
  logger: Logger;
  /** The Bot API root: the public one, a self-hosted Bot API server, or a test server. */
  apiRoot?: string;
  /** The admin group; without it the admin commands and cards are off. */
  admin?: {
    chatId: string;
    userIds?: readonly string[];
    /** Only the group's administrators act (TELEGRAM_ADMIN_GROUP_ADMINS_ONLY). */
    administratorsOnly?: boolean;
    membershipCacheMs?: number;
  };
  floodControl?: FloodControlOptions;
  /** Known bot identity (skips getMe). */
  botInfo?: UserFromGetMe;
  inFlight?: InFlightTracker;
  /** Shared with the outbox sender that renders the buttons, so a long choice value decodes. */
  codec?: ChoiceCodec;
  /** Installed beneath auto-retry, so they see every single call (monitoring counts each 429). */
  apiTransformers?: readonly Transformer[];
}

/**
 * Builds the grammY bot: nothing is called on Telegram until it is started. Order matters: tracking,
 * logging, flood control, then one update per chat at a time, then the features (admin before
 * applicant, since the admin group is not an applicant chat), and the catch-all last.
 */
export function createTelegramBot(token: string, deps: TelegramBotDeps): Bot<TelegramContext> {
  const apiRoot = deps.apiRoot ?? DEFAULT_API_ROOT;
  const bot = new Bot<TelegramContext>(token, {
    client: { apiRoot },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  // 429: wait retry_after (up to a minute) and repeat; a network failure is rethrown so that the
  // caller's own retry (outbox backoff, runner) decides instead of an endless wait inside one call.
  if (deps.apiTransformers) bot.api.config.use(...deps.apiTransformers);
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));

  const codec = deps.codec ?? createChoiceCodec();
  const applicant = { engine: deps.engine, codec };

  if (deps.inFlight) bot.use(deps.inFlight.middleware);
  bot.use((ctx, next) => {
    ctx.logger = lazyChild(deps.logger, () => ({
      updateId: ctx.update.update_id,
      ...(ctx.chat ? { chat: maskId(String(ctx.chat.id)) } : {}),
    }));
    return next();
  });
  // Counted on arrival, before the queue, so a burst is seen as a burst.
  bot.use(floodControlComposer(deps.floodControl ?? DEFAULT_FLOOD_CONTROL));
  bot.use(sequentialize((ctx: TelegramContext) => (ctx.chat ? String(ctx.chat.id) : undefined)));
  bot.use(chatMembershipComposer(deps.db));
  if (deps.admin) {
    const access = createAdminAccess({
      api: bot.api,
      adminChatId: deps.admin.chatId,
      allowedUserIds: deps.admin.userIds,
      administratorsOnly: deps.admin.administratorsOnly,
      cacheMs: deps.admin.membershipCacheMs,
    });
    bot.use(adminMembershipComposer(access));
    const admin = { helpdesk: deps.helpdesk, db: deps.db, access };
    bot.use(adminCommandsComposer(admin));
    bot.use(adminCardsComposer(admin));
  }
  bot.use(
    attachmentsComposer({ ...applicant, db: deps.db, files: createFileDownloader(bot.api, token, apiRoot) }),
  );
  bot.use(unsupportedComposer(applicant));
  bot.use(applicantComposer(applicant));
  bot.use(catchAllComposer(applicant));

  // The one error boundary: the update is logged and dropped; the bot keeps running.
  bot.catch((error: BotError<TelegramContext>) => {
    const log = error.ctx.logger ?? deps.logger;
    log.error(
      { error: describeError(error.error), updateId: error.ctx.update.update_id },
      "update handling failed",
    );
  });
  return bot;
}
