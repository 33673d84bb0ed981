import { getShortestPaths } from "@xstate/graph";
import { describe, expect, test } from "vitest";
import { createActor } from "xstate";
import { CATEGORIES, CATEGORY_IDS } from "../../flows/categories/index.ts";
import type { FormEvent, FormMachine } from "../../flows/form/form.machine.ts";
import { CHOOSING_EDIT, stepState } from "../../flows/form/form.machine.ts";
import type { FormDefinition } from "../../flows/form/form-definition.ts";
import { applicableAnswers, findStep, isApplicable, SUMMARY } from "../../flows/form/form-navigation.ts";
import { renderFormPrompt } from "../../flows/form/form-prompt.ts";
import { eventsFor, RECEIVED_AT } from "./form-samples.ts";

const BRANCH_FIELDS = ["ingat_pengaman_1", "ingat_pengaman_2", "tanggal_lahir"];

/** Paths to every distinct situation: which state, which fields are answered, the branch answers, a pending notice. */
function derivePaths(form: FormDefinition, machine: FormMachine) {
  return getShortestPaths(machine, {
    events: (s) => (s.status === "active" ? eventsFor(form, s.context.current, s.context.answers) : []),
    serializeState: (s) => {
      const answers = s.context.answers;
      const shape = form.steps
        .map((step) => {
          const value = answers[step.field];
          if (value === undefined) return "-";
          return BRANCH_FIELDS.includes(step.field) ? String(value) : "+";
        })
        .join("");
      return `${JSON.stringify(s.value)}|${shape}|${s.context.notice ? 1 : 0}`;
    },
  });
}

/** Replays events the way the engine does: restore from the stored snapshot, send one event, store again. */
function replayPersisted(machine: FormMachine, events: FormEvent[]) {
  let stored: unknown;
  let actor = createActor(machine, { input: undefined }).start();
  for (const event of events) {
    stored = actor.getPersistedSnapshot();
    actor.stop();
    actor = createActor(machine, { input: undefined, snapshot: JSON.parse(JSON.stringify(stored)) }).start();
    actor.send(event);
  }
  const snapshot = actor.getSnapshot();
  actor.stop();
  return snapshot;
}

describe.each(CATEGORY_IDS)("every path of the %s machine", (categoryId) => {
  const { form, machine } = CATEGORIES[categoryId];
  const paths = derivePaths(form, machine);

  test("reaches every state of the machine", () => {
    const reached = new Set(paths.map((p) => (typeof p.state.value === "string" ? p.state.value : "")));
    const expected = [
      ...form.steps.map((s) => stepState(s.field)),
      ...(form.createsTicket ? [SUMMARY, CHOOSING_EDIT] : []),
      "submitted",
      "cancelled",
      "to_menu",
    ];
    for (const state of expected) expect(reached, `state ${state}`).toContain(state);
    console.log(`${categoryId}: ${paths.length} paths derived, ${reached.size} states reached`);
  });

  test("every state it can reach asks a clear question or has finished", () => {
    for (const path of paths) {
      const { status, context, value } = path.state;
      if (status === "done") {
        expect(["submitted", "cancelled", "to_menu"]).toContain(value);
        continue;
      }
      const prompt = renderFormPrompt(form, context);
      expect(prompt.text.trim().length).toBeGreaterThan(0);
      if (value === stepState(context.current)) {
        const step = findStep(form, context.current)!;
        expect(isApplicable(step, context.answers), `${context.current} applies`).toBe(true);
        if (step.accepts === "choice") expect(prompt.choices?.length).toBeGreaterThan(1);
      }
      const last = path.steps.at(-1)?.event;
      if (context.notice && last) expect(last.type === "INPUT" || last.type === "BACK").toBe(true);
    }
  });

  test("a submitted form has every applicable field answered with a value its step accepts", () => {
    const submitted = paths.filter((p) => p.state.value === "submitted");
    expect(submitted.length).toBeGreaterThan(0);
    for (const path of submitted) {
      const { answers } = path.state.context;
      expect(path.state.context.outcome).toBe("submitted");
      for (const step of form.steps.filter((s) => isApplicable(s, answers))) {
        expect(answers[step.field], `${step.field} answered`).toBeDefined();
      }
      const kept = applicableAnswers(form, answers);
      for (const [field, value] of Object.entries(kept)) {
        const step = findStep(form, field)!;
        if (typeof value !== "string" || step.accepts !== "text") continue;
        const again = step.parse({ kind: "text", text: value }, { answers, receivedAt: RECEIVED_AT });
        expect(again.ok, `${field} re-validates`).toBe(true);
      }
    }
  });

  test("cancel and menu leave from every step", () => {
    const left = paths.filter((p) => p.state.value === "cancelled" || p.state.value === "to_menu");
    const leftFrom = new Set(left.map((p) => p.steps.at(-2)?.state.context.current ?? form.steps[0]!.field));
    for (const step of form.steps) {
      if (paths.some((p) => p.state.value === stepState(step.field))) expect(leftFrom).toContain(step.field);
    }
  });

  test("a conversation stored and restored after every message ends where the live machine ends", () => {
    // One path per distinct end state keeps this fast while still crossing every state.
    const byEnd = new Map<string, (typeof paths)[number]>();
    for (const path of paths) byEnd.set(JSON.stringify(path.state.value), path);
    for (const path of byEnd.values()) {
      const replayed = replayPersisted(
        machine,
        path.steps.slice(1).map((s) => s.event),
      );
      expect(replayed.value).toEqual(path.state.value);
      expect(replayed.context.answers).toEqual(path.state.context.answers);
    }
  });
});
