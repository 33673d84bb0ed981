import type { Api } from "grammy";
import type { User } from "grammy/types";
import type { AdminIdentity } from "../helpdesk/helpdesk.service.ts";

export type AdminAccess = { ok: true; admin: AdminIdentity } | { ok: false; reason: "denied" | "anonymous" };

// The id Telegram puts in `from` when a group admin posts anonymously, on behalf of the group.
const GROUP_ANONYMOUS_BOT_ID = 1087968824;
const MEMBER_STATUSES = new Set(["creator", "administrator", "member"]);

/** How an admin appears in ticket history and replies: full name and @username when there is one. */
export function adminIdentity(user: User): AdminIdentity {
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return { id: String(user.id), name: user.username ? `${name} (@${user.username})` : name };
}

export interface AdminAccessOptions {
  api: Api;
  adminChatId: string;
  /** When set, only these Telegram user ids are admins (besides being members of the group). */
  allowedUserIds?: readonly string[];
  cacheMs?: number;
  now?: () => number;
}

/**
 * Who may use the admin commands: a current member of the admin group (asked from Telegram, since
 * someone removed from the group keeps old messages and could still press buttons), narrowed by the
 * optional id list. Answers are cached briefly so a busy group does not call getChatMember each time.
 */
export function createAdminAccess(options: AdminAccessOptions) {
  const cacheMs = options.cacheMs ?? 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<number, { member: boolean; until: number }>();

  async function isMember(userId: number): Promise<boolean> {
    const cached = cache.get(userId);
    if (cached && cached.until > now()) return cached.member;
    const member = await options.api.getChatMember(options.adminChatId, userId);
    const isCurrent =
      MEMBER_STATUSES.has(member.status) || (member.status === "restricted" && member.is_member);
    cache.set(userId, { member: isCurrent, until: now() + cacheMs });
    return isCurrent;
  }

  return {
    /** Throws when Telegram cannot be asked (the caller says "try again"), so a network blip never grants access. */
    async check(user: User | undefined): Promise<AdminAccess> {
      if (user?.id === GROUP_ANONYMOUS_BOT_ID) return { ok: false, reason: "anonymous" };
      if (!user || user.is_bot) return { ok: false, reason: "denied" };
      if (options.allowedUserIds && !options.allowedUserIds.includes(String(user.id))) {
        return { ok: false, reason: "denied" };
      }
      return (await isMember(user.id))
        ? { ok: true, admin: adminIdentity(user) }
        : { ok: false, reason: "denied" };
    },
    isAdminChat(chatId: number | undefined): boolean {
      return chatId !== undefined && String(chatId) === options.adminChatId;
    },
  };
}

export type AdminAccessChecker = ReturnType<typeof createAdminAccess>;
