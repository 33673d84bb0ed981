import { createActor, type Snapshot } from "xstate";
import type { Category } from "../../flows/categories/index.ts";
import type { FormContext, FormEvent, FormOutcome } from "../../flows/form/form.machine.ts";
import { type OwnTicketsPage, renderFormPrompt } from "../../flows/form/form-prompt.ts";
import type { OutboundMessage } from "./message.types.ts";

export interface FormTurn {
  /** The snapshot to store; undefined once the form is finished. */
  persisted?: Snapshot<unknown>;
  context: FormContext;
  outcome?: FormOutcome;
}

/**
 * Restores the category's machine from the stored snapshot, applies one event and takes the new snapshot.
 * Form states that wait for the applicant invoke nothing, so restoring has no side effects.
 */
export function runFormTurn(category: Category, stored: unknown, event?: FormEvent): FormTurn {
  if (event !== undefined || typeof stored !== "object" || stored === null)
    return step(category, stored, event);
  // Without an event the turn only reads the stored state, which one message may do several times (the
  // prompt, a question's dry run, the step's kind): restored once per snapshot object.
  let byCategory = restored.get(stored);
  if (!byCategory) {
    byCategory = new Map();
    restored.set(stored, byCategory);
  }
  let turn = byCategory.get(category);
  if (!turn) {
    turn = step(category, stored);
    byCategory.set(category, turn);
  }
  return turn;
}

const restored = new WeakMap<object, Map<Category, FormTurn>>();

function step(category: Category, stored: unknown, event?: FormEvent): FormTurn {
  const actor = createActor(category.machine, {
    input: undefined,
    ...(stored === undefined ? {} : { snapshot: stored as Snapshot<unknown> as never }),
  });
  actor.start();
  if (event) actor.send(event);
  const snapshot = actor.getSnapshot();
  // Taken before stop(): a snapshot persisted after stopping is restored as stopped and ignores events.
  const persisted = actor.getPersistedSnapshot();
  actor.stop();
  if (snapshot.status === "error") throw snapshot.error;
  if (snapshot.status === "done") return { context: snapshot.context, outcome: snapshot.context.outcome };
  return { persisted, context: snapshot.context };
}

export function formPrompt(
  category: Category,
  context: FormContext,
  ownTickets?: OwnTicketsPage,
): OutboundMessage {
  return renderFormPrompt(category.form, context, ownTickets);
}

/** Whether the form is waiting at a step that lists the chat's own tickets. */
export function needsOwnTickets(category: Category, context: FormContext): boolean {
  return category.form.steps.some((s) => s.field === context.current && s.dynamicChoices === "own_tickets");
}
