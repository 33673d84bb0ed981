import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { adminIdentity, createAdminAccess } from "../../bot/telegram/admin-access.ts";
import { type FakeBotApi, startFakeBotApi } from "./fake-bot-api.ts";

const GROUP = -100500;
let fake: FakeBotApi;
let api: Api;
let clock = 0;

beforeEach(async () => {
  fake = await startFakeBotApi();
  api = new Api("1:T", { apiRoot: fake.apiRoot });
  clock = 0;
});
afterEach(() => fake.close());

const user = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  is_bot: false,
  first_name: `U${id}`,
  ...extra,
});

describe("who may use the admin commands", () => {
  test("members, administrators and the creator of the group; not those who left or were removed", async () => {
    const access = createAdminAccess({ api, adminChatId: String(GROUP), now: () => clock });
    const statuses = ["creator", "administrator", "member", "left", "kicked"];
    for (const [i, status] of statuses.entries()) fake.setMember(GROUP, i + 1, status);
    const results = await Promise.all(statuses.map((_, i) => access.check(user(i + 1))));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
  });

  test("the answer is cached briefly, then asked again (a removed admin loses access)", async () => {
    const access = createAdminAccess({ api, adminChatId: String(GROUP), cacheMs: 1_000, now: () => clock });
    fake.setMember(GROUP, 7, "member");
    expect((await access.check(user(7))).ok).toBe(true);
    fake.setMember(GROUP, 7, "kicked");
    expect((await access.check(user(7))).ok).toBe(true);
    expect(fake.callsOf("getChatMember")).toHaveLength(1);
    clock = 1_001;
    expect(await access.check(user(7))).toEqual({ ok: false, reason: "denied" });
    expect(fake.callsOf("getChatMember")).toHaveLength(2);
  });

  test("TELEGRAM_ADMIN_USER_IDS narrows it without asking Telegram; bots and anonymous admins are refused", async () => {
    const access = createAdminAccess({ api, adminChatId: String(GROUP), allowedUserIds: ["8"] });
    fake.setMember(GROUP, 8, "member");
    fake.setMember(GROUP, 9, "administrator");
    expect((await access.check(user(8))).ok).toBe(true);
    expect(await access.check(user(9))).toEqual({ ok: false, reason: "denied" });
    expect(await access.check(user(1087968824, { is_bot: true }))).toEqual({
      ok: false,
      reason: "anonymous",
    });
    expect(await access.check(user(10, { is_bot: true }))).toEqual({ ok: false, reason: "denied" });
    expect(fake.callsOf("getChatMember").map((c) => c.params.user_id)).toEqual([8]);
  });

  test("a failed membership question throws instead of granting access", async () => {
    const access = createAdminAccess({ api, adminChatId: String(GROUP) });
    fake.failNext("getChatMember", { error_code: 400, description: "Bad Request: chat not found" });
    await expect(access.check(user(5))).rejects.toThrow(/chat not found/);
  });

  test("the identity recorded in ticket history: id, full name and username", () => {
    expect(adminIdentity(user(42, { last_name: "Lestari", first_name: "Ani", username: "ani_hd" }))).toEqual({
      id: "42",
      name: "Ani Lestari (@ani_hd)",
    });
    expect(adminIdentity(user(43, { first_name: "Budi" }))).toEqual({ id: "43", name: "Budi" });
  });

  test("a restricted (muted) member never acts, even while still in the group", async () => {
    const access = createAdminAccess({ api, adminChatId: String(GROUP), now: () => clock });
    fake.setMember(GROUP, 11, "restricted");
    expect(await access.check(user(11))).toEqual({ ok: false, reason: "denied" });
  });

  test("with administratorsOnly, plain members are refused; administrators and the creator act", async () => {
    const access = createAdminAccess({ api, adminChatId: String(GROUP), administratorsOnly: true });
    fake.setMember(GROUP, 21, "creator");
    fake.setMember(GROUP, 22, "administrator");
    fake.setMember(GROUP, 23, "member");
    const results = await Promise.all([21, 22, 23].map((id) => access.check(user(id))));
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
  });

  test("a membership change reported by Telegram replaces the cached answer at once", async () => {
    const access = createAdminAccess({ api, adminChatId: String(GROUP), now: () => clock });
    fake.setMember(GROUP, 31, "member");
    expect((await access.check(user(31))).ok).toBe(true);
    access.noteMember({ status: "kicked", user: user(31), until_date: 0 });
    expect((await access.check(user(31))).ok).toBe(false);
    access.noteMember({ status: "member", user: user(31) });
    expect((await access.check(user(31))).ok).toBe(true);
    access.noteLeft(31);
    expect((await access.check(user(31))).ok).toBe(false);
    expect(fake.callsOf("getChatMember")).toHaveLength(1);
  });
});
