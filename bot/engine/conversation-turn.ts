import {
  attachPendingToTicket,
  conversationKey,
  countTicketsByChat,
  deletePendingAttachments,
  enqueueOutbox,
  insertPendingAttachment,
  insertTicket,
  listTicketsByChat,
  OUTBOX_PRIORITY,
} from "../../db/index.ts";
import { CATEGORIES, type CategoryId } from "../../flows/categories/index.ts";
import { formMessages } from "../../flows/flows.messages.ts";
import type { FormEvent } from "../../flows/form/form.machine.ts";
import type { Answers, StepInput, StoredFile } from "../../flows/form/form-definition.ts";
import { applicableAnswers, findStep } from "../../flows/form/form-navigation.ts";
import type { OwnTicketsPage } from "../../flows/form/form-prompt.ts";
import { generateTicketNumber, scanTicketNumber } from "../../flows/ticket-number.ts";
import { checkAttachment } from "../../flows/validation/attachment.validator.ts";
import { withoutInvisible } from "../../flows/validation/invisible.ts";
import { type GlobalCommand, parseCommand, withoutTrailingPunctuation } from "./commands.ts";
import { type ConversationState, IDLE } from "./conversation-state.ts";
import { engineMessages as t } from "./engine.messages.ts";
import { answerRequest, createFaqTurns } from "./faq-turn.ts";
import { tooLargeFileInput } from "./file-too-large.ts";
import { formQuestionReply } from "./form-question.ts";
import { formPrompt, needsOwnTickets, runFormTurn } from "./form-runner.ts";
import { capText, MAX_TEXT_LENGTH } from "./input-limit.ts";
import { chosenCategory, menuMessage } from "./menu.ts";
import type { OutboundMessage } from "./message.types.ts";
import type { FaqRouting } from "./routing.types.ts";
import { lookUpStatus } from "./status-lookup.ts";
import { categoryTitle } from "./status-reply.ts";
import { pressedFeedback, typedFeedback } from "./ticket-feedback.ts";
import { createFollowUpTurns } from "./ticket-followup.ts";
import type { Turn, TurnResult } from "./turn.types.ts";

export type { InspectedFile, Turn, TurnResult } from "./turn.types.ts";

export interface TurnOptions {
  routing: FaqRouting;
  /** Where new tickets are announced (the admin group); the adapter there renders the card. */
  /** `priority` puts its rows ahead of bulk notifications (OUTBOX_PRIORITY.admin). */
  adminInbox?: { channel: string; chatId: string; priority?: number };
  /** Makes a new ticket number; one already taken is replaced by the next (default: random, unguessable). */
  newTicketNumber?: () => string;
}

const OWN_TICKETS_PAGE = 5;
// The overview inside a form lists this many; the rest are reached with "status" once the form is done.
const OWN_TICKETS_OVERVIEW = 20;
/** The choice that turns the page of the chat's own tickets. */
export const MORE_TICKETS = "tiket_lainnya";
const MORE_TICKETS_WORDS = /^(?:tiket )?(?:lainnya|lain|berikutnya|selanjutnya)$/i;

type FormState = Extract<ConversationState, { stage: "form" }>;

/** Decides the reply to one message from the chat's state; all writes go through `turn.db` (a transaction). */
export function createTurnHandler(options: TurnOptions) {
  const faq = createFaqTurns({ routing: options.routing, startForm });
  const followUp = createFollowUpTurns({
    adminInbox: options.adminInbox,
    formPrompt: (turn, form) => currentFormPrompt(turn, form.category, form.machine),
  });

  async function take(turn: Turn, state: ConversationState): Promise<TurnResult> {
    const content = turn.inbound.content;
    // Enforced before anything reads the text, so one huge message cannot hold up every other chat.
    if (content.kind === "text" && content.text.length > MAX_TEXT_LENGTH) {
      if (state.stage === "form") {
        const prompt = await currentFormPrompt(turn, state.category, state.machine);
        return { state, replies: [{ text: t.textTooLongInForm }, prompt] };
      }
      const capped = { ...turn.inbound, content: { kind: "text" as const, text: capText(content.text) } };
      const result = await take({ ...turn, inbound: capped }, state);
      return { ...result, replies: [{ text: t.textCapped }, ...result.replies] };
    }
    // The text typed under a file (a caption): where no file is asked for, it is what the
    // person said, handled as if typed (a question, a command, a step's answer).
    if (
      (content.kind === "file" || content.kind === "file_too_large") &&
      content.caption &&
      !expectsFile(state)
    ) {
      const asText = { ...turn.inbound, content: { kind: "text" as const, text: content.caption } };
      const result = await take({ db: turn.db, inbound: asText, receivedAt: turn.receivedAt }, state);
      return { ...result, replies: [{ text: t.captionInsteadOfFile }, ...result.replies] };
    }
    // Only invisible characters (zero-width space, direction marks) is as empty as nothing at all.
    if (content.kind === "text" && withoutInvisible(content.text).trim() === "") {
      const replies: OutboundMessage[] = [{ text: t.emptyMessage }];
      if (state.stage === "form") replies.push(await currentFormPrompt(turn, state.category, state.machine));
      return { state, replies };
    }
    // The buttons under an answer name their ticket, so they work whatever the chat is doing.
    const pressed = pressedFeedback(content);
    if (pressed) return followUp.feedback(turn, state, pressed.ticketNumber, pressed.verdict);
    const command = parseCommand(content);
    if (command) return runCommand(turn, state, command.command, command.argument);
    switch (state.stage) {
      case "form": {
        if (asksMoreTickets(turn, state)) return nextTicketsPage(turn, state);
        const aside =
          content.kind === "text"
            ? formQuestionReply(
                options.routing,
                CATEGORIES[state.category],
                state.machine,
                content.text,
                turn.receivedAt,
              )
            : undefined;
        // A question mid-form: answered from the FAQ, the same step asked again, nothing stored for it.
        if (aside)
          return { state, replies: [aside, await currentFormPrompt(turn, state.category, state.machine)] };
        return continueForm(
          turn,
          state.category,
          state.machine,
          {
            type: "INPUT",
            input: await toStepInput(turn, state.category, state.machine),
            receivedAt: turn.receivedAt,
          },
          state.checkedNik,
        );
      }
      case "ticket_feedback": {
        const verdict = typedFeedback(content, state.ticketNumber);
        return verdict ? followUp.feedback(turn, IDLE, state.ticketNumber, verdict) : freeMessage(turn);
      }
      case "reopen_reason":
        return followUp.reopenReason(turn, state);
      case "duplicate_offer":
        return (await followUp.offerAnswer(turn, state)) ?? freeMessage(turn);
      case "add_info":
        return followUp.addInfo(turn, state);
      case "faq_feedback":
        return (await faq.feedback(turn, state)) ?? freeMessage(turn);
      case "clarify":
        return (await faq.clarify(turn, state)) ?? freeMessage(turn);
      case "menu":
        return fromMenu(turn);
      case "idle":
        return freeMessage(turn);
    }
  }

  async function runCommand(
    turn: Turn,
    state: ConversationState,
    command: GlobalCommand,
    argument: string,
  ): Promise<TurnResult> {
    const inForm = state.stage === "form";
    switch (command) {
      case "start":
        // A real user sends /start again when lost: greet, but never drop a form's answers for it.
        return inForm
          ? {
              state,
              replies: [
                { text: t.greetingInForm(CATEGORIES[state.category].form.title) },
                await currentFormPrompt(turn, state.category, state.machine),
              ],
            }
          : { state: { stage: "menu" }, replies: [{ text: t.greeting }, menuMessage()] };
      case "cancel":
        if (state.stage === "reopen_reason") return followUp.cancelReopen(turn, state);
        if (state.stage === "add_info") return followUp.cancelAddInfo(turn, state);
        return inForm
          ? continueForm(turn, state.category, state.machine, { type: "CANCEL" })
          : { state: { stage: "menu" }, replies: [{ text: t.nothingToCancel }, menuMessage()] };
      case "menu":
        return inForm
          ? continueForm(turn, state.category, state.machine, { type: "MENU" })
          : { state: { stage: "menu" }, replies: [menuMessage()] };
      case "back":
        return inForm
          ? continueForm(turn, state.category, state.machine, { type: "BACK" }, state.checkedNik)
          : { state: { stage: "menu" }, replies: [menuMessage()] };
      case "help": {
        const replies: OutboundMessage[] = [{ text: t.help }];
        if (inForm) replies.push(await currentFormPrompt(turn, state.category, state.machine));
        return { state, replies };
      }
      case "status": {
        if (argument !== "") return { state, replies: [await lookUpStatus(turn, argument)] };
        // In the middle of a form, answer without dropping what the applicant already gave.
        if (inForm) {
          return {
            state,
            replies: [
              await ownTicketsOverview(turn),
              await currentFormPrompt(turn, state.category, state.machine),
            ],
          };
        }
        return startForm(turn, "cek_status");
      }
    }
  }

  async function freeMessage(turn: Turn, opening: OutboundMessage[] = []): Promise<TurnResult> {
    const content = turn.inbound.content;
    if (content.kind === "file" || content.kind === "file_too_large")
      return { state: { stage: "menu" }, replies: [...opening, menuMessage(t.fileOutsideForm)] };
    if (content.kind === "unsupported") {
      return {
        state: { stage: "menu" },
        replies: [...opening, menuMessage(t.unsupportedOutsideForm(content.what))],
      };
    }
    if (content.kind === "choice") {
      const faqId = answerRequest(content);
      if (faqId) return faq.answer(faqId);
      const category = chosenCategory(content.value);
      if (category) return startForm(turn, category);
      return { state: { stage: "menu" }, replies: [...opening, menuMessage()] };
    }
    if (mentionsTicket(content.text))
      return { state: IDLE, replies: [await lookUpStatus(turn, content.text)] };
    return faq.routeText(turn, content.text);
  }

  async function fromMenu(turn: Turn): Promise<TurnResult> {
    const content = turn.inbound.content;
    const typed = content.kind === "choice" ? content.value : content.kind === "text" ? content.text : "";
    const category = chosenCategory(typed);
    return category ? startForm(turn, category) : freeMessage(turn);
  }

  async function startForm(
    turn: Turn,
    category: CategoryId,
    opening: OutboundMessage[] = [],
  ): Promise<TurnResult> {
    const { form } = CATEGORIES[category];
    const result = await continueForm(turn, category, undefined);
    return {
      state: result.state,
      replies: [...opening, { text: t.formStart(form.intro) }, ...result.replies],
    };
  }

  async function continueForm(
    turn: Turn,
    categoryId: CategoryId,
    stored: unknown,
    event?: FormEvent,
    checkedNik?: string,
  ): Promise<TurnResult> {
    const category = CATEGORIES[categoryId];
    const formTurn = runFormTurn(category, stored, event);
    const key = conversationKey(turn.inbound.channel, turn.inbound.chatId);
    const nik = formTurn.context.answers.nik;
    switch (formTurn.outcome) {
      case undefined: {
        // As soon as the NIK is known (or changed), a problem that already has an open ticket is caught.
        if (category.form.createsTicket && typeof nik === "string" && nik !== checkedNik) {
          const offer = await followUp.openTicketFor(turn, nik, categoryId);
          if (offer) {
            await deletePendingAttachments(turn.db, key);
            return offer;
          }
        }
        const ownTickets = needsOwnTickets(category, formTurn.context)
          ? await ownTicketChoices(turn)
          : undefined;
        return {
          state: {
            stage: "form",
            category: categoryId,
            machine: formTurn.persisted,
            ...(typeof nik === "string" ? { checkedNik: nik } : {}),
          },
          replies: [formPrompt(category, formTurn.context, ownTickets)],
        };
      }
      case "cancelled":
        await deletePendingAttachments(turn.db, key);
        return { state: { stage: "menu" }, replies: [{ text: t.cancelled }, menuMessage()] };
      case "menu":
        await deletePendingAttachments(turn.db, key);
        return { state: { stage: "menu" }, replies: [menuMessage()] };
      case "submitted":
        if (!category.form.createsTicket) {
          return {
            state: IDLE,
            replies: [await lookUpStatus(turn, String(formTurn.context.answers.nomor_tiket))],
          };
        }
        // Checked again at the end: a ticket may have been opened meanwhile (from another chat).
        if (typeof nik === "string") {
          const offer = await followUp.openTicketFor(turn, nik, categoryId);
          if (offer) {
            await deletePendingAttachments(turn.db, key);
            return offer;
          }
        }
        return { state: IDLE, replies: await openTicket(turn, categoryId, formTurn.context.answers) };
    }
  }

  async function openTicket(
    turn: Turn,
    categoryId: CategoryId,
    allAnswers: Answers,
  ): Promise<OutboundMessage[]> {
    const { form } = CATEGORIES[categoryId];
    const answers = applicableAnswers(form, allAnswers);
    const { channel, chatId, userId } = turn.inbound;
    const ticket = await insertTicket(turn.db, {
      number: options.newTicketNumber ?? generateTicketNumber,
      category: categoryId,
      channel,
      chatId,
      userId,
      applicantName: String(answers.nama ?? ""),
      nik: String(answers.nik ?? ""),
      kk: String(answers.kk ?? ""),
      answers,
      createdAt: turn.receivedAt,
    });
    const fileIds = Object.values(answers)
      .filter((v): v is StoredFile => typeof v === "object")
      .map((f) => f.attachmentId);
    await attachPendingToTicket(turn.db, conversationKey(channel, chatId), ticket.number, fileIds);
    if (options.adminInbox) {
      await enqueueOutbox(turn.db, {
        ...options.adminInbox,
        text: `Tiket baru ${ticket.number}`,
        payload: { kind: "new_ticket", ticketNumber: ticket.number },
        priority: OUTBOX_PRIORITY.admin,
      });
    }
    const replies: OutboundMessage[] = [{ text: t.ticketCreated(ticket.number) }];
    if (form.afterTicket) replies.push({ text: form.afterTicket });
    return replies;
  }

  /** Whether the chat stands at a form step that asks for a file. */
  function expectsFile(state: ConversationState): boolean {
    if (state.stage !== "form") return false;
    const category = CATEGORIES[state.category];
    const field = runFormTurn(category, state.machine).context.current;
    return findStep(category.form, field)?.accepts === "file";
  }

  /** The step input for a form; an acceptable file is stored as pending before the machine sees it. */
  async function toStepInput(turn: Turn, categoryId: CategoryId, stored: unknown): Promise<StepInput> {
    const content = turn.inbound.content;
    if (content.kind === "text") return { kind: "text", text: content.text };
    if (content.kind === "choice") return { kind: "choice", value: content.value };
    if (content.kind === "unsupported") return { kind: "unsupported", what: content.what };
    // Never downloaded, so never stored: the step's own file check words the refusal.
    if (content.kind === "file_too_large") return { kind: "file", file: tooLargeFileInput(content) };
    const file = turn.file!;
    const meta = {
      mime: file.mime,
      size: file.size,
      sha256: file.sha256,
      fileName: file.fileName,
      ...(file.fitted ? { fitted: file.fitted } : {}),
    };
    const category = CATEGORIES[categoryId];
    const field = runFormTurn(category, stored).context.current;
    if (findStep(category.form, field)?.accepts !== "file" || !checkAttachment(meta).ok) {
      return { kind: "file", file: meta };
    }
    const attachmentId = await insertPendingAttachment(turn.db, {
      conversationKey: conversationKey(turn.inbound.channel, turn.inbound.chatId),
      field,
      mime: file.mime!,
      size: file.size,
      sha256: file.sha256,
      fileName: file.fileName,
      content: Buffer.from(file.bytes),
    });
    return { kind: "file", file: { ...meta, attachmentId } };
  }

  async function currentFormPrompt(
    turn: Turn,
    categoryId: CategoryId,
    stored: unknown,
  ): Promise<OutboundMessage> {
    const category = CATEGORIES[categoryId];
    const { context } = runFormTurn(category, stored);
    const ownTickets = needsOwnTickets(category, context) ? await ownTicketChoices(turn) : undefined;
    return formPrompt(category, { ...context, notice: undefined }, ownTickets);
  }

  /** One page of the chat's tickets (open first) as choices, with "Tiket lainnya" while more follow. */
  async function ownTicketChoices(turn: Turn, page = 0): Promise<OwnTicketsPage> {
    const { channel, chatId } = turn.inbound;
    const total = await countTicketsByChat(turn.db, channel, chatId);
    const pages = Math.max(1, Math.ceil(total / OWN_TICKETS_PAGE));
    // Past the end (tickets changed meanwhile): start again at the first page.
    const shown = page < pages ? page : 0;
    const tickets = await listTicketsByChat(
      turn.db,
      channel,
      chatId,
      OWN_TICKETS_PAGE,
      shown * OWN_TICKETS_PAGE,
    );
    const choices = tickets.map((ticket) => ({
      value: ticket.number,
      label: `${ticket.number} (${ticket.status})`,
    }));
    if (shown + 1 < pages) choices.push({ value: MORE_TICKETS, label: formMessages.moreTickets });
    return { choices, page: shown + 1, pages };
  }

  /** "Tiket lainnya" (pressed, or typed) at a step that lists the chat's own tickets. */
  function asksMoreTickets(turn: Turn, state: FormState): boolean {
    const content = turn.inbound.content;
    const asked =
      content.kind === "choice"
        ? content.value === MORE_TICKETS
        : content.kind === "text" && MORE_TICKETS_WORDS.test(content.text.trim());
    if (!asked) return false;
    const category = CATEGORIES[state.category];
    return needsOwnTickets(category, runFormTurn(category, state.machine).context);
  }

  async function nextTicketsPage(turn: Turn, state: FormState): Promise<TurnResult> {
    const category = CATEGORIES[state.category];
    const { context } = runFormTurn(category, state.machine);
    const ownTickets = await ownTicketChoices(turn, (state.ticketsPage ?? 0) + 1);
    return {
      state: { ...state, ticketsPage: ownTickets.page - 1 },
      replies: [formPrompt(category, { ...context, notice: undefined }, ownTickets)],
    };
  }

  async function ownTicketsOverview(turn: Turn): Promise<OutboundMessage> {
    const { channel, chatId } = turn.inbound;
    const [tickets, total] = await Promise.all([
      listTicketsByChat(turn.db, channel, chatId, OWN_TICKETS_OVERVIEW),
      countTicketsByChat(turn.db, channel, chatId),
    ]);
    if (tickets.length === 0) return { text: t.noTickets };
    const lines = [
      t.ownTicketsTitle(total),
      ...tickets.map((ticket) =>
        t.ownTicketLine(ticket.number, ticket.status, categoryTitle(ticket.category)),
      ),
    ];
    if (total > tickets.length) lines.push(t.moreTicketsAfterForm(total - tickets.length));
    return { text: lines.join("\n") };
  }

  return { take };
}

/** A valid ticket number anywhere in a message; a mistyped one only when it is the whole message. */
function mentionsTicket(text: string): boolean {
  const bare = withoutTrailingPunctuation(text.trim());
  const mention = scanTicketNumber(bare);
  if (mention?.kind === "valid") return true;
  return mention?.kind === "typo" && mention.at.index === 0 && mention.at.length === bare.length;
}
