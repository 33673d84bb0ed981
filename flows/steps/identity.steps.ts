import { formMessages } from "../flows.messages.ts";
import type { Answers, CrossFieldRule, FormStep } from "../form/form-definition.ts";
import { validateBirthDate } from "../validation/date.validator.ts";
import { validateKk } from "../validation/kk.validator.ts";
import { validateNik } from "../validation/nik.validator.ts";
import { compareNikWithBirthDate } from "../validation/nik-birth-date.check.ts";
import { validateName, validatePlace } from "../validation/text.validator.ts";
import { kkMessages, nikMessages } from "../validation/validation.messages.ts";
import { valid } from "../validation/validation-result.ts";
import { choiceStep, textStep } from "./step-builders.ts";

const isoToDisplay = (iso: string) => iso.split("-").reverse().join("-");

export const nameStep = textStep({
  field: "nama",
  label: "Nama sesuai KTP",
  question: formMessages.askName,
  validate: (text) => validateName(text),
});

export const nikStep = textStep({
  field: "nik",
  label: "NIK",
  question: formMessages.askNik,
  validate: (text) => {
    const result = validateNik(text);
    return result.ok ? valid(result.value.nik) : result;
  },
});

/** A KK equal to the NIK is a frequent mix-up; refused whichever of the two is answered or edited last. */
const nikDiffersFromKk: CrossFieldRule = {
  fields: ["nik", "kk"],
  check: (answers, field) =>
    answers.nik !== answers.kk ? undefined : field === "kk" ? kkMessages.sameAsNik() : nikMessages.sameAsKk(),
};

export const kkStep: FormStep = {
  ...textStep({
    field: "kk",
    label: "Nomor KK",
    question: formMessages.askKk,
    // The NIK is passed too, so a pasted NIK gets its explanation before the KK's date check refuses it.
    validate: (text, { answers, receivedAt }) => {
      const nik = typeof answers.nik === "string" ? answers.nik : undefined;
      return validateKk(text, nik, new Date(receivedAt));
    },
  }),
  rules: [nikDiffersFromKk],
};

export const birthPlaceStep = textStep({
  field: "tempat_lahir",
  label: "Tempat lahir",
  question: formMessages.askBirthPlace,
  validate: (text) => validatePlace(text),
});

export const birthDateStep = textStep({
  field: "tanggal_lahir",
  label: "Tanggal lahir",
  question: formMessages.askBirthDate,
  validate: (text, { receivedAt }) => validateBirthDate(text, new Date(receivedAt)),
  display: isoToDisplay,
});

function nikBirthDateMismatch(answers: Answers) {
  if (typeof answers.nik !== "string" || typeof answers.tanggal_lahir !== "string") return undefined;
  const nik = validateNik(answers.nik);
  if (!nik.ok) return undefined;
  const comparison = compareNikWithBirthDate(nik.value, answers.tanggal_lahir);
  return comparison.matches ? undefined : comparison;
}

/** A NIK keeps its birth-date digits when the date is corrected later, so a mismatch is confirmed, not refused. */
export const nikBirthDateCheckStep: FormStep = choiceStep({
  field: "konfirmasi_nik_tanggal",
  label: "Konfirmasi NIK dan tanggal lahir",
  question: (answers) => {
    const mismatch = nikBirthDateMismatch(answers);
    return mismatch ? formMessages.nikDateMismatch(mismatch.nikDate, mismatch.givenDate) : "";
  },
  choices: [
    { value: "benar", label: formMessages.bothCorrect },
    { value: "ubah_nik", label: formMessages.fixNik },
    { value: "ubah_tanggal", label: formMessages.fixBirthDate },
  ],
  synonyms: { benar: ["ya", "sudah benar", "benar semua", "keduanya benar", "lanjut"] },
  clears: { ubah_nik: ["nik"], ubah_tanggal: ["tanggal_lahir"] },
  when: (answers) => nikBirthDateMismatch(answers) !== undefined,
  dependsOn: ["nik", "tanggal_lahir"],
  editable: false,
});

/** Name, NIK, KK, place and date of birth: the identity every form starts with, as on the SSCASN forms. */
export const identitySteps: readonly FormStep[] = [
  nameStep,
  nikStep,
  kkStep,
  birthPlaceStep,
  birthDateStep,
  nikBirthDateCheckStep,
];
