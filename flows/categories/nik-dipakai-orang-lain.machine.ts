import { createFormMachine } from "../form/form.machine.ts";
import type { FormDefinition } from "../form/form-definition.ts";
import { kkScanStep, ktpScanStep, selfieWithKtpStep } from "../steps/common.steps.ts";
import { identitySteps } from "../steps/identity.steps.ts";
import { categoryMessages } from "./category.messages.ts";

const texts = categoryMessages.nik_dipakai_orang_lain;

export const nikDipakaiOrangLainForm: FormDefinition = {
  id: "nik_dipakai_orang_lain",
  title: texts.title,
  intro: texts.intro,
  steps: [...identitySteps, selfieWithKtpStep(), ktpScanStep(), kkScanStep()],
  createsTicket: true,
};

export const nikDipakaiOrangLainMachine = createFormMachine(nikDipakaiOrangLainForm);
