import type { Api } from "grammy";
import type { ChatMember, User } from "grammy/types";
import type { AdminIdentity } from "../helpdesk/helpdesk.service.ts";

export type AdminAccess = { ok: true; admin: AdminIdentity } | { ok: false; reason: "denied" | "anonymous" };

// The id Telegram puts in `from` when a group admin posts anonymously, on behalf of the group.
const GROUP_ANONYMOUS_BOT_ID = 1087968824;
// A restricted (muted) member is still in the group but must not act for it; left and kicked are gone.
const MEMBER_STATUSES = new Set(["creator", "administrator", "member"]);
const ADMINISTRATOR_STATUSES = new Set(["creator", "administrator"]);

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
  /** Only the group's administrators (and its creator) act, not every member. */
  administratorsOnly?: boolean;
  cacheMs?: number;
  now?: () => number;
}

/**
 * Who may use the admin commands: a current member of the admin group (asked from Telegram, since
 * someone removed from the group keeps old messages and could still press buttons), not restricted,
 * optionally only its administrators, narrowed by the optional id list. Answers are cached briefly so a
 * busy group does not call getChatMember each time; chat_member updates replace a cached answer at once.
 */
export function createAdminAccess(options: AdminAccessOptions) {
  const cacheMs = options.cacheMs ?? 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<number, { member: boolean; until: number }>();
  const allowed = options.administratorsOnly ? ADMINISTRATOR_STATUSES : MEMBER_STATUSES;
  const mayAct = (member: ChatMember) => allowed.has(member.status);

  async function isMember(userId: number): Promise<boolean> {
    const cached = cache.get(userId);
    if (cached && cached.until > now()) return cached.member;
    const member = await options.api.getChatMember(options.adminChatId, userId);
    cache.set(userId, { member: mayAct(member), until: now() + cacheMs });
    return mayAct(member);
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
    /** What Telegram reported about a member of the admin group (joined, left, removed, restricted, promoted). */
    noteMember(member: ChatMember): void {
      cache.set(member.user.id, { member: mayAct(member), until: now() + cacheMs });
    },
    /** A member left or was removed (the service message, for a bot that gets no chat_member updates). */
    noteLeft(userId: number): void {
      cache.set(userId, { member: false, until: now() + cacheMs });
    },
    isAdminChat(chatId: number | undefined): boolean {
      return chatId !== undefined && String(chatId) === options.adminChatId;
    },
  };
}

export type AdminAccessChecker = ReturnType<typeof createAdminAccess>;
