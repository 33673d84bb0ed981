import { assertEvent, assign, setup } from "xstate";
import { formMessages } from "../flows.messages.ts";
import { matchChoice } from "../steps/choice-matching.ts";
import type { Answers, AnswerValue, Choice, FormDefinition, StepInput } from "./form-definition.ts";
import {
  editableSteps,
  nextField,
  parseAnswer,
  previousField,
  SUMMARY,
  withAnswer,
  withoutAnswers,
} from "./form-navigation.ts";
import { parseEditChoice, parseSummaryChoice } from "./summary.ts";

export type FormEvent =
  | { type: "INPUT"; input: StepInput; receivedAt: string }
  | { type: "BACK" }
  | { type: "CANCEL" }
  | { type: "MENU" };

export type FormOutcome = "submitted" | "cancelled" | "menu";

export interface FormContext {
  answers: Answers;
  /** The step being asked, "summary" or "choosing_edit". */
  current: string;
  /** A one-off message for the next reply: a validation error or a hint. Cleared by every event. */
  notice?: string;
  editTarget?: string;
  outcome?: FormOutcome;
  /** An answer held back until the applicant agrees to it (a photo the engine shrank), with the question. */
  proposal?: { value: AnswerValue; question: string };
}

/** The choices under a proposed answer. */
export const PROPOSAL_CHOICES: readonly Choice[] = [
  { value: "pakai", label: formMessages.useFitted },
  { value: "lain", label: formMessages.sendAnother },
];
const PROPOSAL_SYNONYMS = {
  pakai: ["ya", "y", "iya", "gunakan", "pakai", "ok", "oke", "setuju", "boleh"],
  lain: ["tidak", "tdk", "gak", "ga", "nggak", "kirim lain", "file lain", "ganti"],
};

function proposalAnswer(context: FormContext, input: StepInput): "pakai" | "lain" | undefined {
  if (!context.proposal) return undefined;
  return matchChoice(input, PROPOSAL_CHOICES, PROPOSAL_SYNONYMS) as "pakai" | "lain" | undefined;
}

export const stepState = (field: string) => `step_${field}`;
export const CHOOSING_EDIT = "choosing_edit";

/**
 * Builds the dialogue machine of one form. Each step is a state of its own (so paths can be derived from the
 * machine), the order and branches come from the form's pure navigation, and the machine holds no effects: the
 * engine reads `outcome` when the machine is done and creates the ticket itself.
 */
export function createFormMachine(form: FormDefinition) {
  // One answer is parsed by up to three guards and an action in a row; context and event are immutable, so
  // the last result is reused while both are the same objects.
  let parsed: { context: FormContext; event: FormEvent; result: ReturnType<typeof parseAnswer> } | undefined;
  const parseCurrent = (context: FormContext, event: FormEvent) => {
    assertEvent(event, "INPUT");
    if (parsed?.context === context && parsed.event === event) return parsed.result;
    const result = parseAnswer(form, context.current, event.input, {
      answers: context.answers,
      receivedAt: event.receivedAt,
    });
    parsed = { context, event, result };
    return result;
  };
  // The routing state asks "is this the next field?" once per field: the answer is computed once per answers.
  let next: { answers: FormContext["answers"]; field: string } | undefined;
  const nextOf = (answers: FormContext["answers"]) => {
    if (next?.answers !== answers) next = { answers, field: nextField(form, answers) };
    return next.field;
  };

  const machine = setup({
    types: {
      context: {} as FormContext,
      events: {} as FormEvent,
      input: {} as { answers?: Answers } | undefined,
    },
    guards: {
      isNextField: ({ context }, params: { field: string }) => nextOf(context.answers) === params.field,
      isPreviousField: ({ context }, params: { field: string }) =>
        previousField(form, context.answers, context.current) === params.field,
      isEditTarget: ({ context }, params: { field: string }) => context.editTarget === params.field,
      hasPreviousField: ({ context }) => previousField(form, context.answers, context.current) !== undefined,
      isValidAnswer: ({ context, event }) => parseCurrent(context, event).ok,
      needsConfirmation: ({ context, event }) => {
        const result = parseCurrent(context, event);
        return result.ok && result.confirm !== undefined;
      },
      acceptsProposal: ({ context, event }) =>
        event.type === "INPUT" && proposalAnswer(context, event.input) === "pakai",
      declinesProposal: ({ context, event }) =>
        event.type === "INPUT" && proposalAnswer(context, event.input) === "lain",
      // Anything but a new file while a proposal waits is a word we did not understand: ask again.
      awaitsProposalChoice: ({ context, event }) =>
        context.proposal !== undefined && event.type === "INPUT" && event.input.kind !== "file",
      isSubmitChoice: ({ event }) => event.type === "INPUT" && parseSummaryChoice(event.input) === "submit",
      isEditRequest: ({ event }) => event.type === "INPUT" && parseSummaryChoice(event.input) === "edit",
      isEditChoice: ({ context, event }) =>
        event.type === "INPUT" &&
        parseEditChoice(editableSteps(form, context.answers), event.input) !== undefined,
    },
    actions: {
      enterStep: assign((_, params: { field: string }) => ({ current: params.field, proposal: undefined })),
      propose: assign(({ context, event }) => {
        const result = parseCurrent(context, event);
        if (!result.ok || result.confirm === undefined) return {};
        return { proposal: { value: result.value, question: result.confirm }, notice: undefined };
      }),
      storeProposal: assign(({ context }) => {
        if (!context.proposal) return {};
        return {
          answers: withAnswer(form, context.answers, context.current, context.proposal.value),
          proposal: undefined,
          notice: undefined,
        };
      }),
      dropProposal: assign({ proposal: undefined, notice: formMessages.sendAnotherFile }),
      noticeProposalChoice: assign({ notice: formMessages.proposalChoiceUnknown }),
      clearNotice: assign({ notice: undefined }),
      storeAnswer: assign(({ context, event }) => {
        const result = parseCurrent(context, event);
        if (!result.ok) return {};
        const answers = result.clear
          ? withoutAnswers(context.answers, result.clear)
          : withAnswer(form, context.answers, context.current, result.value);
        return { answers, notice: undefined };
      }),
      rejectAnswer: assign(({ context, event }) => {
        const result = parseCurrent(context, event);
        return { notice: result.ok ? undefined : result.message, proposal: undefined };
      }),
      noticeFirstStep: assign({ notice: formMessages.alreadyFirstStep }),
      noticeSummaryChoice: assign({ notice: formMessages.summaryChoiceUnknown }),
      noticeEditChoice: assign({ notice: formMessages.editChoiceUnknown }),
      rememberEditTarget: assign(({ context, event }) => {
        assertEvent(event, "INPUT");
        return {
          editTarget: parseEditChoice(editableSteps(form, context.answers), event.input),
          notice: undefined,
        };
      }),
      finish: assign((_, params: { outcome: FormOutcome }) => ({
        outcome: params.outcome,
        notice: undefined,
      })),
    },
  });

  const fields = form.steps.map((s) => s.field);
  const toEveryStep = (guardType: "isNextField" | "isPreviousField" | "isEditTarget") =>
    fields.map((field) => ({ target: stepState(field), guard: { type: guardType, params: { field } } }));

  const leaveForm = {
    CANCEL: { target: ".cancelled", actions: { type: "finish", params: { outcome: "cancelled" } } },
    MENU: { target: ".to_menu", actions: { type: "finish", params: { outcome: "menu" } } },
  } as const;

  const stepStates = Object.fromEntries(
    fields.map((field) => [
      stepState(field),
      {
        entry: { type: "enterStep", params: { field } },
        on: {
          INPUT: [
            { guard: "acceptsProposal", target: "routing", actions: "storeProposal" },
            { guard: "declinesProposal", actions: "dropProposal" },
            { guard: "awaitsProposalChoice", actions: "noticeProposalChoice" },
            { guard: "needsConfirmation", actions: "propose" },
            { guard: "isValidAnswer", target: "routing", actions: "storeAnswer" },
            { actions: "rejectAnswer" },
          ],
          BACK: [
            { guard: "hasPreviousField", target: "back", actions: "clearNotice" },
            { actions: "noticeFirstStep" },
          ],
        },
      },
    ]),
  );

  return machine.createMachine({
    id: form.id,
    context: ({ input }) => ({ answers: input?.answers ?? {}, current: fields[0] ?? SUMMARY }),
    initial: "routing",
    on: leaveForm,
    states: {
      // A form that only looks something up (cek_status) needs no summary to confirm.
      routing: {
        always: [
          ...toEveryStep("isNextField"),
          form.createsTicket
            ? { target: SUMMARY }
            : { target: "submitted", actions: { type: "finish", params: { outcome: "submitted" } } },
        ],
      },
      back: { always: [...toEveryStep("isPreviousField"), { target: SUMMARY }] },
      jump: { always: [...toEveryStep("isEditTarget"), { target: SUMMARY }] },
      ...stepStates,
      [SUMMARY]: {
        entry: { type: "enterStep", params: { field: SUMMARY } },
        on: {
          INPUT: [
            {
              guard: "isSubmitChoice",
              target: "submitted",
              actions: { type: "finish", params: { outcome: "submitted" } },
            },
            { guard: "isEditRequest", target: CHOOSING_EDIT, actions: "clearNotice" },
            { actions: "noticeSummaryChoice" },
          ],
          BACK: { target: "back", actions: "clearNotice" },
        },
      },
      [CHOOSING_EDIT]: {
        entry: { type: "enterStep", params: { field: CHOOSING_EDIT } },
        on: {
          INPUT: [
            { guard: "isEditChoice", target: "jump", actions: "rememberEditTarget" },
            { actions: "noticeEditChoice" },
          ],
          BACK: { target: SUMMARY, actions: "clearNotice" },
        },
      },
      submitted: { type: "final" },
      cancelled: { type: "final" },
      to_menu: { type: "final" },
    },
  });
}

export type FormMachine = ReturnType<typeof createFormMachine>;
