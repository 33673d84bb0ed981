import { formMessages } from "../flows.messages.ts";
import type { FormContext } from "./form.machine.ts";
import { CHOOSING_EDIT, PROPOSAL_CHOICES } from "./form.machine.ts";
import type { AnswerValue, Choice, FormDefinition, FormStep, Prompt } from "./form-definition.ts";
import { editableSteps, findStep, SUMMARY, stepProgress } from "./form-navigation.ts";
import { editChoices, SUMMARY_CHOICES } from "./summary.ts";

export const displayAnswer = (step: FormStep, value: AnswerValue): string =>
  step.display ? step.display(value) : String(value);

function withNotice(notice: string | undefined, prompt: Prompt): Prompt {
  return notice ? { ...prompt, text: `${notice}\n\n${prompt.text}` } : prompt;
}

/** The chat's own tickets for a ticket-number step, one page of them. */
export interface OwnTicketsPage {
  choices: Choice[];
  page: number;
  pages: number;
}

function stepPrompt(
  form: FormDefinition,
  step: FormStep,
  context: FormContext,
  ownTickets?: OwnTicketsPage,
): Prompt {
  const prompt = step.prompt(context.answers);
  const lines = [prompt.text];
  let choices = prompt.choices;
  if (step.dynamicChoices === "own_tickets" && ownTickets && ownTickets.choices.length > 0) {
    lines[0] = formMessages.askTicketNumberWithOwn;
    if (ownTickets.pages > 1) lines.push(formMessages.ownTicketsPage(ownTickets.page, ownTickets.pages));
    choices = ownTickets.choices;
  }
  if (context.proposal) {
    lines[0] = context.proposal.question;
    choices = [...PROPOSAL_CHOICES];
  }
  const previous = context.answers[step.field];
  if (previous !== undefined) lines.push(formMessages.previousAnswer(displayAnswer(step, previous)));
  const progress = stepProgress(form, context.answers, step.field);
  if (progress && progress.total > 1) lines.push(formMessages.progress(progress.position, progress.total));
  return choices ? { text: lines.join("\n"), choices } : { text: lines.join("\n") };
}

export function summaryText(form: FormDefinition, context: FormContext): string {
  const lines = editableSteps(form, context.answers).map(
    (step) => `• ${step.label}: ${displayAnswer(step, context.answers[step.field]!)}`,
  );
  return [formMessages.summaryTitle, ...lines].join("\n");
}

/** What the applicant is asked in the machine's current state, with any validation notice first. */
export function renderFormPrompt(
  form: FormDefinition,
  context: FormContext,
  ownTickets?: OwnTicketsPage,
): Prompt {
  if (context.current === SUMMARY) {
    const text = `${summaryText(form, context)}\n\n${formMessages.summaryQuestion}`;
    return withNotice(context.notice, { text, choices: [...SUMMARY_CHOICES] });
  }
  if (context.current === CHOOSING_EDIT) {
    return withNotice(context.notice, {
      text: formMessages.chooseEdit,
      choices: editChoices(editableSteps(form, context.answers)),
    });
  }
  const step = findStep(form, context.current);
  if (!step) throw new Error(`Form ${form.id} is at unknown step ${context.current}`);
  return withNotice(context.notice, stepPrompt(form, step, context, ownTickets));
}
