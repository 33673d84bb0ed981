import { describe, expect, test } from "vitest";
import { createActor } from "xstate";
import { CATEGORIES, CATEGORY_IDS } from "../../flows/categories/index.ts";
import { SUMMARY, stepProgress } from "../../flows/form/form-navigation.ts";
import { renderFormPrompt } from "../../flows/form/form-prompt.ts";
import { RECEIVED_AT, validInputs } from "./form-samples.ts";

type Seen = { field: string; position: number; total: number; text: string };

/** Every forward walk through a form (each sample answer of each step), with the counter each prompt showed. */
function forwardWalks(categoryId: (typeof CATEGORY_IDS)[number]): Seen[][] {
  const { form, machine } = CATEGORIES[categoryId];
  const walks: Seen[][] = [];
  const walk = (snapshot: unknown, seen: Seen[]) => {
    const actor = createActor(machine, { input: undefined, snapshot: snapshot as never }).start();
    const { context, status } = actor.getSnapshot();
    actor.stop();
    if (status !== "active" || context.current === SUMMARY) {
      walks.push(seen);
      return;
    }
    const step = form.steps.find((s) => s.field === context.current)!;
    const progress = stepProgress(form, context.answers, step.field);
    const text = renderFormPrompt(form, context).text;
    const here = progress ? [...seen, { field: step.field, ...progress, text }] : seen;
    for (const input of validInputs(step)) {
      const next = createActor(machine, { input: undefined, snapshot: snapshot as never }).start();
      next.send({ type: "INPUT", input, receivedAt: RECEIVED_AT });
      const persisted = next.getPersistedSnapshot();
      const answered = Object.keys(next.getSnapshot().context.answers).length;
      next.stop();
      // A choice that sends the applicant back (fix the NIK) is a detour, not a forward walk.
      if (answered > Object.keys(context.answers).length) walk(persisted, here);
    }
  };
  const first = createActor(machine, { input: undefined }).start();
  const start = first.getPersistedSnapshot();
  first.stop();
  walk(start, []);
  return walks;
}

describe.each(CATEGORY_IDS)("the step counter of %s", (categoryId) => {
  const walks = forwardWalks(categoryId);

  test("counts up by one, never lowers the total, and names the last step only at the last step", () => {
    expect(walks.length).toBeGreaterThan(0);
    for (const walk of walks) {
      const path = walk.map((s) => `${s.field} ${s.position}/${s.total}`).join(", ");
      walk.forEach((seen, index) => {
        // A step asked again (a confirmation sent back) shows the same number; otherwise one more.
        const previous = walk[index - 1];
        if (previous) {
          expect(seen.position, path).toBeGreaterThanOrEqual(previous.position);
          expect(seen.position, path).toBeLessThanOrEqual(previous.position + 1);
          expect(seen.total, path).toBeGreaterThanOrEqual(previous.total);
        } else {
          expect(seen.position, path).toBe(1);
        }
        const isLast = index === walk.length - 1;
        expect(seen.position === seen.total, path).toBe(isLast);
      });
      const last = walk.at(-1);
      if (last && last.total > 1) expect(last.text).toContain(`(Langkah ${last.total} dari ${last.total})`);
    }
  });
});

test("the reset-password branches read 6 of 8, then 7 of 8 or 7 of 9, never 6 of 6", () => {
  const { form } = CATEGORIES.reset_password;
  const identity = {
    nama: "Siti",
    nik: "3201015708950001",
    kk: "3201011201150003",
    tempat_lahir: "Bogor",
    tanggal_lahir: "1995-08-17",
  };
  expect(stepProgress(form, identity, "ingat_pengaman_1")).toEqual({ position: 6, total: 8 });
  expect(stepProgress(form, { ...identity, ingat_pengaman_1: "ya" }, "pertanyaan_pengaman_1")).toEqual({
    position: 7,
    total: 8,
  });
  expect(stepProgress(form, { ...identity, ingat_pengaman_1: "tidak" }, "ingat_pengaman_2")).toEqual({
    position: 7,
    total: 9,
  });
});
