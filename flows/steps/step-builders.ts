import { formMessages } from "../flows.messages.ts";
import type {
  AnswerValue,
  Choice,
  FileInput,
  FormStep,
  StepContext,
  StepInput,
  StepResult,
} from "../form/form-definition.ts";
import { checkAttachment, DEFAULT_MAX_BYTES, formatLabel } from "../validation/attachment.validator.ts";
import { formatBytes } from "../validation/number-format.ts";
import type { Validation } from "../validation/validation-result.ts";
import { matchChoice } from "./choice-matching.ts";

const invalid = (message: string): StepResult => ({ ok: false, message });

/** What the step says when the applicant sent something of the wrong kind. */
function wrongKind(input: StepInput, expected: "text" | "file" | "choice"): StepResult {
  const expectation =
    expected === "text"
      ? formMessages.expectText
      : expected === "file"
        ? formMessages.expectFile
        : formMessages.expectChoice;
  if (input.kind === "unsupported") return invalid(`${formMessages.unsupported(input.what)} ${expectation}`);
  return invalid(expectation);
}

interface TextStepOptions {
  field: string;
  label: string;
  question: string;
  validate(text: string, context: StepContext): Validation<string>;
  display?(value: string): string;
  when?: FormStep["when"];
  /** See FormStep.freeText. */
  freeText?: boolean;
}

/** A step answered with typed text; a pressed button's value counts as text too. */
export function textStep(options: TextStepOptions): FormStep {
  return {
    field: options.field,
    label: options.label,
    accepts: "text",
    when: options.when,
    ...(options.freeText ? { freeText: true } : {}),
    prompt: () => ({ text: options.question }),
    parse(input, context) {
      if (input.kind === "text") return options.validate(input.text, context);
      if (input.kind === "choice") return options.validate(input.value, context);
      return wrongKind(input, "text");
    },
    display: options.display ? (value) => options.display!(String(value)) : undefined,
  };
}

interface FileStepOptions {
  field: string;
  label: string;
  /** What to send, e.g. "scan KTP". */
  what: string;
  when?: FormStep["when"];
}

/** A step answered with a JPG or PDF file; the engine has already inspected and stored it. */
export function fileStep(options: FileStepOptions): FormStep {
  return {
    field: options.field,
    label: options.label,
    accepts: "file",
    when: options.when,
    prompt: () => ({ text: formMessages.askFile(options.what) }),
    parse(input) {
      if (input.kind !== "file") return wrongKind(input, "file");
      return acceptFile(input.file);
    },
    display: (value) => describeFile(value),
  };
}

function acceptFile(file: FileInput): StepResult {
  const checked = checkAttachment({ mime: file.mime, size: file.size, fileName: file.fileName });
  if (!checked.ok) return checked;
  // The engine stores only files that pass the same check, so a missing id means storage refused it.
  if (!file.attachmentId) return invalid(formMessages.expectFile);
  const value = { attachmentId: file.attachmentId, mime: checked.value.mime, size: checked.value.size };
  if (!file.fitted) return { ok: true, value };
  const { fromMime, fromSize, width, height } = file.fitted;
  // Shown before it is used: the applicant agrees to the smaller picture or sends another file.
  return {
    ok: true,
    value,
    confirm: formMessages.confirmFitted({
      fromKind: formatLabel(fromMime),
      fromSize: formatBytes(fromSize),
      size: formatBytes(checked.value.size, "up"),
      width,
      height,
      shrunk: fromSize > DEFAULT_MAX_BYTES,
    }),
  };
}

function describeFile(value: AnswerValue): string {
  if (typeof value === "string") return value;
  const kind = value.mime === "application/pdf" ? "PDF" : "JPG";
  return formMessages.fileAttached(
    kind,
    (value.size / 1024).toLocaleString("id-ID", { maximumFractionDigits: 1 }),
  );
}

interface ChoiceStepOptions {
  field: string;
  label: string;
  question(answers: StepContext["answers"]): string;
  choices: readonly Choice[];
  synonyms?: Readonly<Record<string, readonly string[]>>;
  /** Choices that send the applicant back to re-answer earlier fields instead of storing a value. */
  clears?: Readonly<Record<string, readonly string[]>>;
  when?: FormStep["when"];
  dependsOn?: readonly string[];
  editable?: boolean;
}

/** A step answered by picking one of a few choices (button, number or the words). */
export function choiceStep(options: ChoiceStepOptions): FormStep {
  const labelOf = (value: string) => options.choices.find((c) => c.value === value)?.label ?? value;
  return {
    field: options.field,
    label: options.label,
    accepts: "choice",
    when: options.when,
    dependsOn: options.dependsOn,
    editable: options.editable,
    prompt: (answers) => ({ text: options.question(answers), choices: [...options.choices] }),
    parse(input) {
      if (input.kind === "file" || input.kind === "unsupported") return wrongKind(input, "choice");
      const chosen = matchChoice(input, options.choices, options.synonyms);
      if (chosen === undefined) return invalid(formMessages.expectChoice);
      const clear = options.clears?.[chosen];
      return clear ? { ok: true, value: chosen, clear } : { ok: true, value: chosen };
    },
    display: (value) => labelOf(String(value)),
  };
}
