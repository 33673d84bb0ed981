import { type AnyActorScope, createActor, type Snapshot } from "xstate";
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
  const machine = category.machine;
  const scope = scopeOf(machine);
  if (stored === undefined || stored === null) {
    // No form yet: the machine's initial snapshot (its first step), then the event if any.
    const start = machine.getInitialSnapshot(scope, undefined);
    return turnOf(machine, event ? machine.transition(start, event, scope) : start);
  }
  if (typeof stored !== "object") throw new Error(`stored form snapshot is a ${typeof stored}`);
  // One message may read the stored state several times (the prompt, a question's dry run, the step's kind)
  // and then apply its event: the stored snapshot is restored once per snapshot object.
  let byMachine = restored.get(stored);
  if (!byMachine) {
    byMachine = new Map();
    restored.set(stored, byMachine);
  }
  let at = byMachine.get(machine);
  if (!at) {
    at = { snapshot: machine.restoreSnapshot(stored as Snapshot<unknown> as never, scope) };
    byMachine.set(machine, at);
  }
  if (event !== undefined) return turnOf(machine, machine.transition(at.snapshot, event, scope));
  at.turn ??= turnOf(machine, at.snapshot);
  return at.turn;
}

type FormMachine = Category["machine"];
type FormSnapshot = ReturnType<FormMachine["transition"]>;

const restored = new WeakMap<object, Map<FormMachine, { snapshot: FormSnapshot; turn?: FormTurn }>>();

function turnOf(machine: FormMachine, snapshot: FormSnapshot): FormTurn {
  if (snapshot.status === "error") throw snapshot.error;
  if (snapshot.status === "done") return { context: snapshot.context, outcome: snapshot.context.outcome };
  return { persisted: machine.getPersistedSnapshot(snapshot, undefined), context: snapshot.context };
}

/**
 * The machine's own snapshot functions (restore, transition, persist) run without an actor: creating,
 * starting and stopping an actor for every read and every event cost about as much as the step itself.
 * The scope is the inert one xstate's pure `transition()` builds on each call, built once per machine:
 * form machines spawn, delay and emit nothing, and their actions (assign) are applied by the transition;
 * any other action runs at once, as in a running actor.
 */
const scopes = new WeakMap<FormMachine, AnyActorScope>();

function scopeOf(machine: FormMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine, { input: undefined });
    scope = {
      self,
      id: "",
      sessionId: "",
      system: self.system,
      logger: () => {},
      defer: () => {},
      emit: () => {},
      stopChild: () => {},
      actionExecutor: (action) => action.exec?.(action.info, action.params),
    };
    scopes.set(machine, scope);
  }
  return scope;
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
