import { describe, expect, it } from "vitest";
import { choiceFromReply, createChoiceMemory, renderOutbound } from "../../bot/whatsapp/choice-text.ts";
import { openTestDatabase } from "../db/test-database.ts";

const CHOICES = [
  { value: "kirim", label: "Kirim" },
  { value: "ubah", label: "Ubah data" },
  { value: "batal", label: "Batal" },
];

describe("choices as numbered text", () => {
  it("renders a numbered list under the text, and plain text as it is", () => {
    expect(renderOutbound({ text: "Data sudah benar?", choices: CHOICES })).toBe(
      "Data sudah benar?\n\n1. Kirim\n2. Ubah data\n3. Batal\n\n_Balas dengan nomor pilihan, misalnya 1._",
    );
    expect(renderOutbound({ text: "Tiket *ABCD* diterima." })).toBe("Tiket *ABCD* diterima.");
  });

  it("maps a number or the label typed out back to the value", () => {
    expect(choiceFromReply("2", CHOICES)).toBe("ubah");
    expect(choiceFromReply(" 3. ", CHOICES)).toBe("batal");
    expect(choiceFromReply("UBAH DATA!", CHOICES)).toBe("ubah");
    expect(choiceFromReply("4", CHOICES)).toBeUndefined();
    expect(choiceFromReply("ubah nama saja", CHOICES)).toBeUndefined();
  });

  it("remembers the last choices per chat in the database; a reply without choices forgets them", async () => {
    const opened = await openTestDatabase();
    try {
      const memory = createChoiceMemory(opened.db);
      await memory.remember("a", [{ text: "intro" }, { text: "pilih", choices: CHOICES }]);
      expect(await memory.contentFor("a", "1")).toEqual({ kind: "choice", value: "kirim" });
      expect(await memory.contentFor("b", "1")).toEqual({ kind: "text", text: "1" });
      // Another memory over the same database (a restarted process) knows the list.
      expect(await createChoiceMemory(opened.db).contentFor("a", "2")).toEqual({
        kind: "choice",
        value: "ubah",
      });
      await memory.remember("a", [{ text: "Tulis NIK Anda" }]);
      expect(await memory.contentFor("a", "1")).toEqual({ kind: "text", text: "1" });
    } finally {
      await opened.close();
    }
  });
});
