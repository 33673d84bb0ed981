import { formMessages } from "../flows.messages.ts";
import { matchChoice } from "../steps/choice-matching.ts";
import type { Choice, FormStep, StepInput } from "./form-definition.ts";

export const SUMMARY_CHOICES: readonly Choice[] = [
  { value: "kirim", label: formMessages.submitLabel },
  { value: "ubah", label: formMessages.editLabel },
  { value: "batal", label: formMessages.cancelLabel },
];

const SUMMARY_SYNONYMS = {
  kirim: ["ya", "y", "benar", "sudah benar", "ok", "oke", "lanjut", "setuju", "kirimkan"],
  ubah: ["edit", "perbaiki", "ganti", "koreksi", "salah"],
};

export function parseSummaryChoice(input: StepInput): "submit" | "edit" | undefined {
  const chosen = matchChoice(input, SUMMARY_CHOICES, SUMMARY_SYNONYMS);
  if (chosen === "kirim") return "submit";
  if (chosen === "ubah") return "edit";
  return undefined;
}

export function editChoices(steps: readonly FormStep[]): Choice[] {
  return steps.map((s) => ({ value: s.field, label: s.label }));
}

export function parseEditChoice(steps: readonly FormStep[], input: StepInput): string | undefined {
  return matchChoice(input, editChoices(steps));
}
