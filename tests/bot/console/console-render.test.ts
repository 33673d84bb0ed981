import { expect, test } from "vitest";
import { renderBold, renderOutbound } from "../../../bot/console/console.adapter.ts";
import { inCommandForm } from "../../../bot/helpdesk/admin-command.runner.ts";

test("*bold* becomes ANSI bold on a terminal and the plain words elsewhere", () => {
  const message = {
    text: "Nomor tiket *K7QM-2HXD-9RWA*; ketik *status*. 2 * 3 = 6",
    choices: [{ value: "a", label: "Ya" }],
  };
  expect(renderOutbound(message, "plain")).toBe(
    "Bot: Nomor tiket K7QM-2HXD-9RWA; ketik status. 2 * 3 = 6\n  1. Ya",
  );
  expect(renderOutbound(message, "ansi")).toBe(
    "Bot: Nomor tiket \x1b[1mK7QM-2HXD-9RWA\x1b[22m; ketik \x1b[1mstatus\x1b[22m. 2 * 3 = 6\n  1. Ya",
  );
  // A lone asterisk or one across lines is not markup.
  expect(renderBold("a *b\nc* d", "plain")).toBe("a *b\nc* d");
});

test("admin help is shown in the console's command form", () => {
  expect(inCommandForm("/tiket [status]: daftar\nKetik /bantuan (atau /lihat <no>)", "/admin ")).toBe(
    "/admin tiket [status]: daftar\nKetik /admin bantuan (atau /admin lihat <no>)",
  );
  expect(inCommandForm("/tiket", "/")).toBe("/tiket");
  // Paths and dates are not commands.
  expect(inCommandForm("lihat data/helpdesk.db pada 1/12", "/admin ")).toBe(
    "lihat data/helpdesk.db pada 1/12",
  );
});
