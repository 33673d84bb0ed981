import { createFormMachine } from "../form/form.machine.ts";
import type { FormDefinition } from "../form/form-definition.ts";
import { ijazahScanStep, ktpScanStep } from "../steps/common.steps.ts";
import { identitySteps } from "../steps/identity.steps.ts";
import { categoryMessages } from "./category.messages.ts";

const texts = categoryMessages.cek_dapodik;

export const cekDapodikForm: FormDefinition = {
  id: "cek_dapodik",
  title: texts.title,
  intro: texts.intro,
  steps: [...identitySteps, ktpScanStep(), ijazahScanStep()],
  createsTicket: true,
};

export const cekDapodikMachine = createFormMachine(cekDapodikForm);
