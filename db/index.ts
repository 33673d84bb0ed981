export * from "./attachment.repository.ts";
export { lockChat } from "./chat-lock.ts";
export * from "./conversation.repository.ts";
export * from "./copy-to-postgres.ts";
export { DataKeyError } from "./data-cipher.ts";
export type { DataKeySettings } from "./data-key.ts";
export * from "./database.ts";
export * from "./migrator.ts";
export * from "./outbox.repository.ts";
export * from "./processed-message.repository.ts";
export * from "./retention.repository.ts";
export * from "./schema.ts";
export * from "./ticket.mapper.ts";
export * from "./ticket.repository.ts";
export * from "./ticket-addition.repository.ts";
// openFeedbackRound stays internal: a round is opened only alongside an answer.
export {
  countFirstAnswerFeedback,
  type FirstAnswerFeedback,
  findPendingFeedback,
  listTicketFeedback,
  recordFeedback,
} from "./ticket-feedback.repository.ts";
// insertTicketHistory stays internal: history is written only alongside a status change.
export { listTicketHistory } from "./ticket-history.repository.ts";
export * from "./ticket-status.repository.ts";
export * from "./transaction.ts";
