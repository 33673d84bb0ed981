import { createFormMachine } from "../form/form.machine.ts";
import type { Answers, FormDefinition } from "../form/form-definition.ts";
import { ktpScanStep, selfieWithKtpStep, shortAnswerStep, yesNoStep } from "../steps/common.steps.ts";
import { identitySteps } from "../steps/identity.steps.ts";
import { categoryMessages, resetPasswordQuestions as q } from "./category.messages.ts";

const texts = categoryMessages.reset_password;
const remembersFirst = (a: Answers) => a.ingat_pengaman_1 === "ya";
const asksSecond = (a: Answers) => a.ingat_pengaman_1 === "tidak";
const remembersSecond = (a: Answers) => asksSecond(a) && a.ingat_pengaman_2 === "ya";
const remembersNeither = (a: Answers) => asksSecond(a) && a.ingat_pengaman_2 === "tidak";

/** Security question 1, else question 2, else proof of identity by KTP scan and selfie. */
export const resetPasswordForm: FormDefinition = {
  id: "reset_password",
  title: texts.title,
  intro: texts.intro,
  steps: [
    ...identitySteps,
    yesNoStep("ingat_pengaman_1", "Ingat pertanyaan pengaman 1", q.remembersFirst),
    shortAnswerStep("pertanyaan_pengaman_1", "Pertanyaan pengaman 1", q.firstQuestion, remembersFirst),
    shortAnswerStep("jawaban_pengaman_1", "Jawaban pengaman 1", q.firstAnswer, remembersFirst),
    yesNoStep("ingat_pengaman_2", "Ingat pertanyaan pengaman 2", q.remembersSecond, asksSecond),
    shortAnswerStep("pertanyaan_pengaman_2", "Pertanyaan pengaman 2", q.secondQuestion, remembersSecond),
    shortAnswerStep("jawaban_pengaman_2", "Jawaban pengaman 2", q.secondAnswer, remembersSecond),
    ktpScanStep(remembersNeither),
    selfieWithKtpStep(remembersNeither),
  ],
  createsTicket: true,
};

export const resetPasswordMachine = createFormMachine(resetPasswordForm);
