import { createFormMachine } from "../form/form.machine.ts";
import type { FormDefinition } from "../form/form-definition.ts";
import { shortAnswerStep } from "../steps/common.steps.ts";
import { identitySteps } from "../steps/identity.steps.ts";
import { categoryMessages } from "./category.messages.ts";

const texts = categoryMessages.data_tidak_sesuai;

export const dataTidakSesuaiForm: FormDefinition = {
  id: "data_tidak_sesuai",
  title: texts.title,
  intro: texts.intro,
  steps: [
    ...identitySteps,
    shortAnswerStep(
      "data_berbeda",
      "Data yang tidak sesuai",
      "data mana yang tidak sesuai dan bagaimana seharusnya (misalnya: tanggal lahir di SSCASN 17-08-1995, di KTP 18-08-1995)",
    ),
  ],
  afterTicket: texts.afterTicket,
  createsTicket: true,
};

export const dataTidakSesuaiMachine = createFormMachine(dataTidakSesuaiForm);
