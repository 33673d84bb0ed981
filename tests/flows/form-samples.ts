import type { FormEvent } from "../../flows/form/form.machine.ts";
import { CHOOSING_EDIT } from "../../flows/form/form.machine.ts";
import type { FormDefinition, FormStep, StepInput } from "../../flows/form/form-definition.ts";
import { editableSteps, SUMMARY } from "../../flows/form/form-navigation.ts";
import { generateTicketNumber } from "../../flows/ticket-number.ts";

export const RECEIVED_AT = "2026-11-29T10:00:00.000Z";
export const VALID_NIK = "3201015708950001"; // woman born 17-08-1995 (day + 40)
export const VALID_KK = "3201011201150003";
export const SAMPLE_TICKET = generateTicketNumber();

const text = (value: string): StepInput => ({ kind: "text", text: value });
const jpeg = (id: string): StepInput => ({
  kind: "file",
  file: { attachmentId: id, mime: "image/jpeg", size: 150 * 1024, sha256: "ab".repeat(32) },
});

/** Good answers for each field; several where the answer changes the way the form goes on. */
const VALID: Record<string, StepInput[]> = {
  nama: [text("Siti Rahmawati")],
  nik: [text("3201 0157 0895 0001")],
  kk: [text(VALID_KK)],
  tempat_lahir: [text("Kabupaten Bogor")],
  tanggal_lahir: [text("17 Agustus 1995"), text("18-08-1995")],
  konfirmasi_nik_tanggal: [text("1"), { kind: "choice", value: "ubah_nik" }, text("perbaiki tanggal lahir")],
  ingat_pengaman_1: [text("ya"), text("tidak")],
  ingat_pengaman_2: [{ kind: "choice", value: "ya" }, text("lupa")],
  pertanyaan_pengaman_1: [text("Nama hewan peliharaan pertama?")],
  jawaban_pengaman_1: [text("Belang")],
  pertanyaan_pengaman_2: [text("Kota kelahiran ibu?")],
  jawaban_pengaman_2: [text("Solo")],
  data_berbeda: [text("Tanggal lahir di SSCASN 18-08-1995, di KTP 17-08-1995")],
  instansi_thk2: [text("Pemerintah Kabupaten Bogor")],
  instansi_tujuan: [text("Kementerian Agama")],
  kronologi: [text("Saya terdata THK-II sejak 2005 tetapi nomor THK-II saya hilang.")],
  isi_pengaduan: [text("Formasi yang saya lamar tidak muncul di portal.")],
  nomor_tiket: [text(SAMPLE_TICKET.toLowerCase())],
};

/** A wrong answer of the same kind for each field (every field also gets a sticker). */
const INVALID: Record<string, StepInput> = {
  nama: text("12345"),
  nik: text("320101570895001"),
  kk: text(VALID_NIK),
  tempat_lahir: text("2020"),
  tanggal_lahir: text("31-02-1995"),
  konfirmasi_nik_tanggal: text("entahlah"),
  ingat_pengaman_1: text("mungkin"),
  ingat_pengaman_2: text("mungkin"),
  pertanyaan_pengaman_1: text("   "),
  jawaban_pengaman_1: text(""),
  pertanyaan_pengaman_2: text(" "),
  jawaban_pengaman_2: text(""),
  data_berbeda: text(""),
  instansi_thk2: text("x"),
  instansi_tujuan: text("x"),
  kronologi: text("a".repeat(501)),
  isi_pengaduan: text("b".repeat(10_000)),
  nomor_tiket: text("ABCD-EFGH-JKMN"),
};

export function validInputs(step: FormStep): StepInput[] {
  if (step.accepts === "file") return [jpeg(`att-${step.field}`)];
  const inputs = VALID[step.field];
  if (!inputs) throw new Error(`No sample answers for field ${step.field}`);
  return inputs;
}

export function invalidInputs(step: FormStep): StepInput[] {
  const sticker: StepInput = { kind: "unsupported", what: "stiker" };
  if (step.accepts === "file") {
    return [
      {
        kind: "file",
        file: { mime: "image/png", size: 10_000, sha256: "cd".repeat(32), fileName: "ktp.jpg" },
      },
      { kind: "file", file: { mime: "image/jpeg", size: 3 * 1024 * 1024, sha256: "ef".repeat(32) } },
      text("sudah saya kirim"),
      sticker,
    ];
  }
  const invalid = INVALID[step.field];
  if (!invalid) throw new Error(`No wrong answer for field ${step.field}`);
  return [invalid, sticker];
}

const input = (i: StepInput): FormEvent => ({ type: "INPUT", input: i, receivedAt: RECEIVED_AT });

/** Every event worth trying in a state: good and bad answers, and the words that work at every step. */
export function eventsFor(
  form: FormDefinition,
  current: string,
  answers: Parameters<typeof editableSteps>[1],
): FormEvent[] {
  const always: FormEvent[] = [{ type: "BACK" }, { type: "CANCEL" }, { type: "MENU" }];
  if (current === SUMMARY) return [input(text("kirim")), input(text("ubah")), input(text("hmm")), ...always];
  if (current === CHOOSING_EDIT) {
    const editable = editableSteps(form, answers).map((s) => s.field);
    const picks = ["nama", "tanggal_lahir", "ingat_pengaman_1"].filter((f) => editable.includes(f));
    return [...picks.map((f) => input({ kind: "choice", value: f })), input(text("99")), ...always];
  }
  const step = form.steps.find((s) => s.field === current)!;
  return [...validInputs(step).map(input), ...invalidInputs(step).map(input), ...always];
}
