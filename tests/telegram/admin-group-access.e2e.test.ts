import { afterEach, describe, expect, test } from "vitest";
import { telegramMessages as m } from "../../bot/telegram/telegram.messages.ts";
import { chatDriver } from "./chat-driver.ts";
import { ADMIN_CHAT_ID, type Harness, startHarness } from "./telegram-harness.ts";
import { chatMemberChanged, leftChatMember, textMessage } from "./telegram-updates.ts";

const ANI = { id: 601, first_name: "Ani" };
const BUDI = { id: 602, first_name: "Budi" };
const EKO = { id: 603, first_name: "Eko" };
const inGroup = (user: typeof ANI) => ({ user, chatId: ADMIN_CHAT_ID });
const refused = new RegExp(m.adminOnly.slice(0, 30));

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

describe("the admin group's members", () => {
  test("a restricted (muted) member never acts", async () => {
    harness = await startHarness();
    harness.fake.setMember(ADMIN_CHAT_ID, EKO.id, "restricted");
    const chat = chatDriver(harness.fake);
    await chat.expectReply(textMessage(inGroup(EKO), "/tiket"), ADMIN_CHAT_ID, refused);
  });

  test("someone removed, muted or leaving loses access with that update, not when the cache expires", async () => {
    harness = await startHarness();
    const { fake } = harness;
    for (const user of [ANI, BUDI, EKO]) fake.setMember(ADMIN_CHAT_ID, user.id, "member");
    const chat = chatDriver(fake);
    for (const user of [ANI, BUDI, EKO]) {
      await chat.expectReply(textMessage(inGroup(user), "/tiket"), ADMIN_CHAT_ID, /Tidak ada tiket/);
    }
    const asked = fake.callsOf("getChatMember").length;

    // Telegram's own answer still says "member" (and is cached for a minute): only the updates can tell.
    fake.pushUpdate(chatMemberChanged(ADMIN_CHAT_ID, ANI, "member", "kicked"));
    fake.pushUpdate(chatMemberChanged(ADMIN_CHAT_ID, BUDI, "member", "restricted"));
    fake.pushUpdate(leftChatMember(ADMIN_CHAT_ID, EKO));
    for (const user of [ANI, BUDI, EKO]) {
      await chat.expectReply(textMessage(inGroup(user), "/tiket"), ADMIN_CHAT_ID, refused);
    }
    expect(fake.callsOf("getChatMember")).toHaveLength(asked);

    // Back in the group (unmuted): acts again at once.
    fake.pushUpdate(chatMemberChanged(ADMIN_CHAT_ID, BUDI, "restricted", "member"));
    await chat.expectReply(textMessage(inGroup(BUDI), "/tiket"), ADMIN_CHAT_ID, /Tidak ada tiket/);
  });

  test("TELEGRAM_ADMIN_GROUP_ADMINS_ONLY leaves acting to the group's administrators", async () => {
    harness = await startHarness({ env: { TELEGRAM_ADMIN_GROUP_ADMINS_ONLY: "true" } });
    harness.fake.setMember(ADMIN_CHAT_ID, ANI.id, "administrator");
    harness.fake.setMember(ADMIN_CHAT_ID, BUDI.id, "member");
    const chat = chatDriver(harness.fake);
    await chat.expectReply(textMessage(inGroup(ANI), "/tiket"), ADMIN_CHAT_ID, /Tidak ada tiket/);
    await chat.expectReply(textMessage(inGroup(BUDI), "/tiket"), ADMIN_CHAT_ID, refused);
  });
});
