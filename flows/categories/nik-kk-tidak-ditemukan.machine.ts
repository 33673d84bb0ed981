import { createFormMachine } from "../form/form.machine.ts";
import type { FormDefinition } from "../form/form-definition.ts";
import { identitySteps } from "../steps/identity.steps.ts";
import { categoryMessages } from "./category.messages.ts";

const texts = categoryMessages.nik_kk_tidak_ditemukan;

export const nikKkTidakDitemukanForm: FormDefinition = {
  id: "nik_kk_tidak_ditemukan",
  title: texts.title,
  intro: texts.intro,
  steps: identitySteps,
  afterTicket: texts.afterTicket,
  createsTicket: true,
};

export const nikKkTidakDitemukanMachine = createFormMachine(nikKkTidakDitemukanForm);
