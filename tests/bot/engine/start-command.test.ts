import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { parseCommand } from "../../../bot/engine/commands.ts";
import { engineMessages as t } from "../../../bot/engine/engine.messages.ts";
import { MENU_CHOICES } from "../../../bot/engine/menu.ts";
import { formMessages } from "../../../flows/flows.messages.ts";
import { choice, type EngineHarness, openEngine, text, VALID_KK, VALID_NIK } from "./engine-harness.ts";

let engine: EngineHarness;
beforeEach(async () => {
  engine = await openEngine();
});
afterEach(() => engine.close());

const formRows = () => engine.db.selectFrom("conversations").select("chat_id").execute();

describe("the start command", () => {
  test.each(["/start", "/start@HelpdeskBot", "START", "mulai", "Mulai!"])("%j is the start", (typed) => {
    expect(parseCommand(text(typed))).toEqual({ command: "start", argument: "" });
  });

  test('"mulai lagi" still means the menu (start over)', () => {
    expect(parseCommand(text("mulai lagi"))).toEqual({ command: "menu", argument: "" });
  });

  test("outside a form: the greeting, then the menu", async () => {
    expect(await engine.send(text("/start"))).toEqual([
      { text: t.greeting },
      { text: t.menuTitle, choices: MENU_CHOICES },
    ]);
    // The menu is waiting: a number picks a category.
    expect(await engine.say("5")).toContain(formMessages.askName);
  });

  test("in a form: the greeting, the form it is in and the current step; the answers are kept", async () => {
    await engine.send(choice("kategori:cek_dapodik"));
    await engine.say("Siti Rahmawati");
    await engine.say(VALID_NIK);

    const replies = await engine.send(text("/start"));
    expect(replies).toHaveLength(2);
    expect(replies[0]!.text).toBe(t.greetingInForm("Pengecekan Dapodik (PPPK Guru)"));
    expect(replies[0]!.text).toContain("ketik *menu* untuk memulai dari awal");
    expect(replies[1]!.text).toContain(formMessages.askKk);

    // The form goes on from the step it was at.
    expect(await engine.say(VALID_KK)).toContain(formMessages.askBirthPlace);
    expect(await formRows()).toHaveLength(1);

    // "menu" is the way to start over, as the greeting says.
    expect(await engine.say("menu")).toContain(t.menuTitle);
    expect(await engine.say("5")).toContain(formMessages.askName);
  });

  test("a redelivered /start is answered once", async () => {
    expect(await engine.send(text("/start"), { messageId: "start-1" })).toHaveLength(2);
    expect(await engine.send(text("/start"), { messageId: "start-1" })).toEqual([]);
  });
});
