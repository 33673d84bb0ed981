import { describe, expect, it } from "vitest";
import { choiceFromReply, createChoiceMemory, renderOutbound } from "../../bot/whatsapp/choice-text.ts";

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

  it("remembers the last choices per chat; a reply without choices forgets them", () => {
    const memory = createChoiceMemory();
    memory.remember("a", [{ text: "intro" }, { text: "pilih", choices: CHOICES }]);
    expect(memory.contentFor("a", "1")).toEqual({ kind: "choice", value: "kirim" });
    expect(memory.contentFor("b", "1")).toEqual({ kind: "text", text: "1" });
    memory.remember("a", [{ text: "Tulis NIK Anda" }]);
    expect(memory.contentFor("a", "1")).toEqual({ kind: "text", text: "1" });
  });

  it("keeps a bounded number of chats, dropping the quietest", () => {
    const memory = createChoiceMemory(2);
    for (const chat of ["a", "b", "c"]) memory.remember(chat, [{ text: "pilih", choices: CHOICES }]);
    expect(memory.contentFor("a", "1")).toEqual({ kind: "text", text: "1" });
    expect(memory.contentFor("c", "1")).toEqual({ kind: "choice", value: "kirim" });
  });
});
