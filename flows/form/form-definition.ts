import type { Validation } from "../validation/validation-result.ts";

/** A file the engine has already inspected (type by content, size, hash) and, when acceptable, stored. */
export interface FileInput {
  attachmentId?: string;
  mime: string | undefined;
  size: number;
  sha256: string;
  fileName?: string;
  /** Set when the engine made this JPG from a larger JPG or a PNG; the original is not kept. */
  fitted?: FittedPhoto;
}

/** What a fitted photo was made from, for the applicant to confirm it before it is used. */
export interface FittedPhoto {
  fromMime: string;
  fromSize: number;
  width: number;
  height: number;
}

/** What the applicant sent at a step, already translated from the channel by the engine. */
export type StepInput =
  | { kind: "text"; text: string }
  | { kind: "choice"; value: string }
  | { kind: "file"; file: FileInput }
  | { kind: "unsupported"; what: string };

export type StoredFile = { attachmentId: string; mime: string; size: number };
export type AnswerValue = string | StoredFile;
export type Answers = Readonly<Record<string, AnswerValue>>;

export interface Choice {
  value: string;
  label: string;
}

export interface Prompt {
  text: string;
  choices?: Choice[];
}

/**
 * A parsed answer. `clear` drops earlier answers instead of storing one, so the form asks them again;
 * `confirm` holds the answer back until the applicant agrees to it (a photo the engine shrank).
 */
export type StepResult = Validation<AnswerValue> & { clear?: readonly string[]; confirm?: string };

export interface StepContext {
  answers: Answers;
  /** When the message arrived (ISO); dates are judged against it so that a replay is deterministic. */
  receivedAt: string;
}

/**
 * A rule between answers of different steps (NIK differs from KK), checked whenever one of its fields is
 * answered, the first time or when edited later from the summary or a confirmation step.
 */
export interface CrossFieldRule {
  fields: readonly string[];
  /** The refusal worded for `field` (the one being answered), or undefined when the answers agree. */
  check(answers: Answers, field: string): string | undefined;
}

/** One question of a form. Forms are lists of steps; shared steps live in flows/steps/. */
export interface FormStep {
  field: string;
  /** Short Indonesian label for the summary and the edit menu. */
  label: string;
  /** What kind of message answers it; the engine stores a file only for a step that asks for one. */
  accepts: "text" | "file" | "choice";
  prompt(answers: Answers): Prompt;
  parse(input: StepInput, context: StepContext): StepResult;
  /** Asked only when this holds (branches such as the reset-password questions). */
  when?(answers: Answers): boolean;
  /** Re-asked when any of these fields changes (a confirmation of two earlier answers). */
  dependsOn?: readonly string[];
  /** How the answer appears in the summary; the default shows it as typed. */
  display?(value: AnswerValue): string;
  /** Shown in the summary and offered by "ubah"; false for confirmations. */
  editable?: boolean;
  /** The engine fills the choices from storage (the chat's own tickets). */
  dynamicChoices?: "own_tickets";
  /**
   * Any sentence may answer it, a question too (a complaint, a security question): the engine never reads
   * a message at this step as a question for the FAQ.
   */
  freeText?: boolean;
  /** Rules tying this step's answer to others; the form applies them to every field they name. */
  rules?: readonly CrossFieldRule[];
}

export interface FormDefinition {
  id: string;
  title: string;
  intro: string;
  steps: readonly FormStep[];
  /** Told after the ticket number, e.g. where to correct data at Dukcapil. */
  afterTicket?: string;
  /** Forms that answer at once instead of creating a ticket (cek_status). */
  createsTicket: boolean;
}
