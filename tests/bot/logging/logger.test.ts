import { GrammyError, HttpError } from "grammy";
import { describe, expect, test } from "vitest";
import { capturedLogger } from "../../support/log-capture.ts";

const NIK = "3201015708950001";
const TOKEN = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

describe("the logger", () => {
  test("redacts personal data inside nested objects and arrays", () => {
    const { logger, text } = capturedLogger();
    logger.info(
      { ticket: { answers: { jawaban_pengaman_1: "Belangtiga" } }, list: [{ nik: NIK }] },
      "nested",
    );
    logger.info({ update: { message: { caption: "KTP saya", chat: { id: 5 } } } }, "caption");
    expect(text()).not.toContain("Belangtiga");
    expect(text()).not.toContain(NIK);
    expect(text()).not.toContain("KTP saya");
    expect(text()).toContain('"id":5');
  });

  test("a GrammyError logged as err keeps its method and code but not the payload", () => {
    const { logger, text } = capturedLogger();
    const error = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 400, description: "Bad Request: chat not found" },
      "sendMessage",
      { chat_id: 1, text: `NIK: ${NIK}\nJawaban: Belangtiga` },
    );
    logger.error({ err: error }, "send failed");
    logger.error(error);
    expect(text()).not.toContain(NIK);
    expect(text()).not.toContain("Belangtiga");
    expect(text()).toContain("sendMessage");
    expect(text()).toContain("chat not found");
  });

  test("never writes a bot token or a long digit run, whatever the key or the message", () => {
    const { logger, text } = capturedLogger();
    const cause = new Error(`request to https://api.telegram.org/bot${TOKEN}/getUpdates failed`);
    logger.warn({ err: new HttpError("Network request for 'getUpdates' failed!", cause) }, "poll");
    logger.info({ note: `nomor ${NIK.slice(0, 4)} ${NIK.slice(4, 8)} ${NIK.slice(8, 12)} ${NIK.slice(12)}` });
    logger.info(`message text with ${NIK}`);
    expect(text()).not.toContain(TOKEN.split(":")[1]!);
    expect(text()).not.toContain(NIK);
    expect(text()).not.toContain(`${NIK.slice(4, 8)} ${NIK.slice(8, 12)}`);
    expect(text()).toContain('"type":"HttpError"');
  });

  test("child bindings are sanitised too", () => {
    const { logger, text } = capturedLogger();
    logger.child({ context: { inner: { text: "Belangtiga" } } }).info("child");
    expect(text()).not.toContain("Belangtiga");
  });
});
