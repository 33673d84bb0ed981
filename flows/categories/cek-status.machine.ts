import { formMessages } from "../flows.messages.ts";
import { createFormMachine } from "../form/form.machine.ts";
import type { FormDefinition, FormStep } from "../form/form-definition.ts";
import { textStep } from "../steps/step-builders.ts";
import { parseTicketNumber } from "../ticket-number.ts";
import { invalid, valid } from "../validation/validation-result.ts";
import { categoryMessages } from "./category.messages.ts";

const texts = categoryMessages.cek_status;

const ticketNumberStep: FormStep = {
  ...textStep({
    field: "nomor_tiket",
    label: "Nomor tiket",
    question: formMessages.askTicketNumber,
    validate: (text) => {
      const parsed = parseTicketNumber(text);
      if (parsed.ok) return valid(parsed.number);
      return invalid(
        parsed.reason === "check" ? formMessages.ticketNumberTypo : formMessages.ticketNumberFormat,
      );
    },
  }),
  dynamicChoices: "own_tickets",
};

/** Asks for a ticket number (or offers the chat's own tickets); the engine answers with the status. */
export const cekStatusForm: FormDefinition = {
  id: "cek_status",
  title: texts.title,
  intro: texts.intro,
  steps: [ticketNumberStep],
  createsTicket: false,
};

export const cekStatusMachine = createFormMachine(cekStatusForm);
