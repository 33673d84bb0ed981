import { createFormMachine } from "../form/form.machine.ts";
import type { FormDefinition } from "../form/form-definition.ts";
import { agencyStep, ijazahScanStep, ktpScanStep, longTextStep } from "../steps/common.steps.ts";
import { identitySteps } from "../steps/identity.steps.ts";
import { categoryMessages } from "./category.messages.ts";

const texts = categoryMessages.cek_eks_thk2;

export const cekEksThk2Form: FormDefinition = {
  id: "cek_eks_thk2",
  title: texts.title,
  intro: texts.intro,
  steps: [
    ...identitySteps,
    agencyStep(
      "instansi_thk2",
      "Instansi saat pendataan THK-II",
      "nama instansi tempat Anda terdata sebagai THK-II",
    ),
    longTextStep("kronologi", "Kronologi", "kronologi singkat masalah Anda"),
    ktpScanStep(),
    ijazahScanStep(),
  ],
  createsTicket: true,
};

export const cekEksThk2Machine = createFormMachine(cekEksThk2Form);
