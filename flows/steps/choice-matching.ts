import type { Choice, StepInput } from "../form/form-definition.ts";

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();

/**
 * Which choice the applicant meant: a pressed button (its value), the number of a numbered list,
 * the label or value typed out, or one of the words a choice lists as synonyms.
 */
export function matchChoice(
  input: StepInput,
  choices: readonly Choice[],
  synonyms: Readonly<Record<string, readonly string[]>> = {},
): string | undefined {
  if (input.kind === "choice") return choices.some((c) => c.value === input.value) ? input.value : undefined;
  if (input.kind !== "text") return undefined;
  const typed = normalize(input.text);
  if (typed === "") return undefined;
  if (/^\d+$/.test(typed)) return choices[Number(typed) - 1]?.value;
  for (const choice of choices) {
    const words = [choice.value, choice.label, ...(synonyms[choice.value] ?? [])].map(normalize);
    if (words.includes(typed)) return choice.value;
  }
  return undefined;
}

export const YES_NO_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  ya: ["y", "iya", "ya ingat", "ingat", "masih ingat", "yes", "ok", "oke", "benar", "betul", "sudah"],
  tidak: ["tdk", "gak", "ga", "nggak", "enggak", "no", "lupa", "tidak ingat", "belum", "blm", "tidak tahu"],
};
