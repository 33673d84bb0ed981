import { afterEach, describe, expect, test, vi } from "vitest";
import { capturedLogger, leaksIn, SECRET } from "../support/log-capture.ts";
import { buttonsOf, chatDriver, messageIdOf } from "./chat-driver.ts";
import { ADMIN_CHAT_ID, type Harness, startHarness, TOKEN } from "./telegram-harness.ts";
import { callbackQuery, textMessage } from "./telegram-updates.ts";

const SITI = { id: 501, first_name: "Siti" };
const ANI = { id: 601, first_name: "Ani" };
let harness: Harness | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await harness?.dispose();
  harness = undefined;
});

describe("Telegram logs", () => {
  test("a full reset-password form, an admin view and a failed send leave no NIK, KK or security answer", async () => {
    const capture = capturedLogger();
    harness = await startHarness({ logger: capture.logger });
    const { fake } = harness;
    fake.setMember(ADMIN_CHAT_ID, ANI.id, "administrator");
    const chat = chatDriver(fake);
    const at = { user: SITI };

    const menu = await chat.expectReply(textMessage(at, "/start"), SITI.id, /pilih jenis masalah Anda/);
    const reset = buttonsOf(menu).find((b) => b.callback_data === "kategori:reset_password")!;
    await chat.expectReply(
      callbackQuery(at, reset.callback_data, { message_id: messageIdOf(menu) }),
      SITI.id,
      /nama lengkap/,
    );
    await chat.expectReply(textMessage(at, "Siti Rahmawati"), SITI.id, /NIK/);
    await chat.expectReply(textMessage(at, SECRET.nik), SITI.id, /Kartu Keluarga/);
    await chat.expectReply(textMessage(at, SECRET.kk), SITI.id, /tempat lahir/);
    await chat.expectReply(textMessage(at, "Kabupaten Bogor"), SITI.id, /tanggal lahir/);
    await chat.expectReply(textMessage(at, "17 Agustus 1995"), SITI.id, /pertanyaan pengaman 1/);
    await chat.expectReply(textMessage(at, "ya"), SITI.id, /pertanyaan pengaman 1/);
    await chat.expectReply(textMessage(at, SECRET.securityQuestion), SITI.id, /jawaban/);
    await chat.expectReply(textMessage(at, SECRET.securityAnswer), SITI.id, /periksa kembali/);
    const done = await chat.expectReply(textMessage(at, "kirim"), SITI.id, /nomor tiket/);
    const number = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(String(done.params.text))![1]!;

    // The admin view holds the full NIK; Telegram refusing it once makes grammY throw with the payload.
    fake.failNext(
      "sendMessage",
      { error_code: 400, description: "Bad Request: can't parse entities" },
      { when: (params) => String(params.text).includes("Riwayat") },
    );
    const group = { user: ANI, chatId: ADMIN_CHAT_ID };
    fake.pushUpdate(textMessage(group, `/lihat ${number}`));
    await fake.waitForCall(
      (call) => call.method === "sendMessage" && String(call.params.text).includes("Riwayat"),
    );
    await chat.expectReply(textMessage(group, `/lihat ${number}`), ADMIN_CHAT_ID, /Riwayat/);

    expect(capture.lines.length).toBeGreaterThan(10);
    expect(capture.text()).toContain("update handling failed");
    expect(leaksIn(capture.text())).toEqual([]);
  });

  test("a failed getUpdates is logged through pino, never printed with the token", async () => {
    const printed: string[] = [];
    for (const method of ["error", "warn", "log", "info"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        printed.push(
          args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : String(arg))).join(" "),
        );
      });
    }
    const capture = capturedLogger();
    harness = await startHarness({ logger: capture.logger });
    harness.fake.dropNext("getUpdates", 2);
    // Two dropped polls, then one that goes through: by then both failures have been reported.
    await vi.waitFor(() => expect(harness!.fake.callsOf("getUpdates").length).toBeGreaterThanOrEqual(3), {
      timeout: 10_000,
      interval: 20,
    });
    expect(capture.lines.filter((line) => line.includes("getUpdates failed"))).toHaveLength(2);
    const secretPart = TOKEN.split(":")[1]!;
    expect(printed.filter((line) => line.includes(secretPart))).toEqual([]);
    expect(printed.filter((line) => line.includes("grammY runner"))).toEqual([]);
    expect(capture.text()).not.toContain(secretPart);
  });
});
