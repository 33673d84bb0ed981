import { formMessages } from "../flows.messages.ts";
import type { Answers, FormStep } from "../form/form-definition.ts";
import { validateAgency, validateLongText, validateShortAnswer } from "../validation/text.validator.ts";
import { YES_NO_SYNONYMS } from "./choice-matching.ts";
import { choiceStep, fileStep, textStep } from "./step-builders.ts";

type When = (answers: Answers) => boolean;

export const agencyStep = (field: string, label: string, what: string): FormStep =>
  textStep({
    field,
    label,
    question: formMessages.askAgency(what),
    validate: (text) => validateAgency(text),
  });

export const longTextStep = (field: string, label: string, what: string, maxLength = 500): FormStep =>
  textStep({
    field,
    label,
    question: formMessages.askLongText(what, maxLength),
    freeText: true,
    validate: (text) => validateLongText(text, { maxLength, fieldLabel: label }),
  });

export const shortAnswerStep = (field: string, label: string, what: string, when?: When): FormStep =>
  textStep({
    field,
    label,
    when,
    question: formMessages.askShortAnswer(what),
    freeText: true,
    validate: (text) => validateShortAnswer(text, label),
  });

export const yesNoStep = (field: string, label: string, question: string, when?: When): FormStep =>
  choiceStep({
    field,
    label,
    when,
    question: () => question,
    choices: [
      { value: "ya", label: formMessages.yes },
      { value: "tidak", label: formMessages.no },
    ],
    synonyms: YES_NO_SYNONYMS,
  });

export const ktpScanStep = (when?: When) =>
  fileStep({ field: "scan_ktp", label: "Scan KTP", what: "scan/foto KTP", when });
export const selfieWithKtpStep = (when?: When) =>
  fileStep({
    field: "swafoto_ktp",
    label: "Swafoto memegang KTP",
    what: "swafoto (selfie) Anda sambil memegang KTP",
    when,
  });
export const kkScanStep = () =>
  fileStep({ field: "scan_kk", label: "Scan KK", what: "scan/foto Kartu Keluarga" });
export const ijazahScanStep = (what = "scan ijazah") =>
  fileStep({ field: "scan_ijazah", label: "Scan ijazah", what });
