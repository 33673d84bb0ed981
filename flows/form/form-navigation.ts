import type {
  Answers,
  FormDefinition,
  FormStep,
  StepContext,
  StepInput,
  StepResult,
} from "./form-definition.ts";

export const SUMMARY = "summary";

export function isApplicable(step: FormStep, answers: Answers): boolean {
  return step.when ? step.when(answers) : true;
}

/** The first applicable step without an answer, or the summary when the form is complete. */
export function nextField(form: FormDefinition, answers: Answers): string {
  for (const step of form.steps) {
    if (isApplicable(step, answers) && answers[step.field] === undefined) return step.field;
  }
  return SUMMARY;
}

/** The applicable step before `current` (the summary counts as after the last step). */
export function previousField(form: FormDefinition, answers: Answers, current: string): string | undefined {
  const index = current === SUMMARY ? form.steps.length : form.steps.findIndex((s) => s.field === current);
  for (let i = index - 1; i >= 0; i--) {
    const step = form.steps[i]!;
    if (isApplicable(step, answers)) return step.field;
  }
  return undefined;
}

/** Answers of the steps that apply, in form order: what the summary shows and the ticket keeps. */
export function applicableAnswers(form: FormDefinition, answers: Answers): Record<string, Answers[string]> {
  const kept: Record<string, Answers[string]> = {};
  for (const step of form.steps) {
    const value = answers[step.field];
    if (value !== undefined && isApplicable(step, answers)) kept[step.field] = value;
  }
  return kept;
}

export function editableSteps(form: FormDefinition, answers: Answers): FormStep[] {
  return form.steps.filter(
    (s) => s.editable !== false && isApplicable(s, answers) && answers[s.field] !== undefined,
  );
}

export function findStep(form: FormDefinition, field: string): FormStep | undefined {
  return form.steps.find((s) => s.field === field);
}

/** Stores one answer and drops the answers that depend on it, so that they are asked again. */
export function withAnswer(
  form: FormDefinition,
  answers: Answers,
  field: string,
  value: Answers[string],
): Answers {
  const next: Record<string, Answers[string]> = { ...answers, [field]: value };
  for (const step of form.steps) {
    if (step.dependsOn?.includes(field)) delete next[step.field];
  }
  return next;
}

export function withoutAnswers(answers: Answers, fields: readonly string[]): Answers {
  const next = { ...answers };
  for (const field of fields) delete next[field];
  return next;
}

/**
 * Parses an answer to `field` and, when the step accepts it, checks it against the other answers with every
 * rule of the form that names the field: the same rule holds whichever of its fields is answered last.
 */
export function parseAnswer(
  form: FormDefinition,
  field: string,
  input: StepInput,
  context: StepContext,
): StepResult {
  const step = findStep(form, field);
  if (!step) throw new Error(`Form ${form.id} has no step ${field}`);
  const result = step.parse(input, context);
  if (!result.ok || result.clear) return result;
  const answers = { ...context.answers, [field]: result.value };
  for (const rule of form.steps.flatMap((s) => s.rules ?? [])) {
    if (!rule.fields.includes(field) || rule.fields.some((f) => answers[f] === undefined)) continue;
    const refusal = rule.check(answers, field);
    if (refusal !== undefined) return { ok: false, message: refusal };
  }
  return result;
}

/** Steps the counter counts: confirmations (editable false) come and go, so they are not numbered. */
const counted = (step: FormStep) => step.editable !== false;
// A placeholder for a text or file answer not given yet: branches only ever test choice answers.
const UNKNOWN_ANSWER = "?";

/**
 * How many counted steps can still follow the steps before `from`, along every branch the unanswered
 * choices may take: [fewest, most]. Choice steps are tried with each of their choices.
 */
function remainingRange(form: FormDefinition, answers: Answers, from: number): [number, number] {
  for (let i = from; i < form.steps.length; i++) {
    const step = form.steps[i]!;
    if (!isApplicable(step, answers)) continue;
    const own = counted(step) ? 1 : 0;
    const choices = answers[step.field] === undefined ? step.prompt(answers).choices : undefined;
    if (step.accepts === "choice" && choices && choices.length > 0) {
      let fewest = Number.POSITIVE_INFINITY;
      let most = 0;
      for (const choice of choices) {
        const [low, high] = remainingRange(form, { ...answers, [step.field]: choice.value }, i + 1);
        fewest = Math.min(fewest, low);
        most = Math.max(most, high);
      }
      if (fewest === Number.POSITIVE_INFINITY) fewest = 0;
      return [own + fewest, own + most];
    }
    const filled = answers[step.field] === undefined ? { ...answers, [step.field]: UNKNOWN_ANSWER } : answers;
    const [low, high] = remainingRange(form, filled, i + 1);
    return [own + low, own + high];
  }
  return [0, 0];
}

/**
 * "Langkah x dari y" for the step being asked: x counts the applicable steps up to it, y adds the fewest
 * steps any branch still needs. So x only moves forward as the applicant does, y grows only when a branch
 * turns out longer, and x equals y only when no branch has a step left.
 */
export function stepProgress(
  form: FormDefinition,
  answers: Answers,
  field: string,
): { position: number; total: number } | undefined {
  const index = form.steps.findIndex((s) => s.field === field);
  const step = form.steps[index];
  if (!step || !counted(step)) return undefined;
  const position =
    form.steps.slice(0, index).filter((s) => counted(s) && isApplicable(s, answers)).length + 1;
  // The step's own answer is still open (or being changed): branch from the step itself.
  const open = { ...answers };
  delete open[field];
  const [fewest, most] = remainingRange(form, open, index);
  const after = Math.max(fewest - 1, most > 1 ? 1 : 0);
  return { position, total: position + after };
}
