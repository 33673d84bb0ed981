import { createFormMachine } from "../form/form.machine.ts";
import type { FormDefinition } from "../form/form-definition.ts";
import { agencyStep, longTextStep } from "../steps/common.steps.ts";
import { identitySteps } from "../steps/identity.steps.ts";
import { categoryMessages } from "./category.messages.ts";

const texts = categoryMessages.pengaduan_instansi;

export const pengaduanInstansiForm: FormDefinition = {
  id: "pengaduan_instansi",
  title: texts.title,
  intro: texts.intro,
  steps: [
    ...identitySteps,
    agencyStep("instansi_tujuan", "Instansi yang dilamar", "nama instansi yang Anda lamar"),
    longTextStep("isi_pengaduan", "Isi pengaduan", "isi pengaduan Anda"),
  ],
  createsTicket: true,
};

export const pengaduanInstansiMachine = createFormMachine(pengaduanInstansiForm);
