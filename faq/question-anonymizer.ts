// Raw-text patterns that identify a person: e-mail addresses, and codes mixing letters and digits
// (ticket numbers), replaced by a neutral word before normalisation would split them up. Both are found
// word by word with plain scans: a regex such as /[^\s@]+@[^\s@]+/ retries from every position and takes
// time growing with the square of a long word (seconds for one 64 KB message).
const WORD_OR_SPACE = /\S+|\s+/gu;
const CODE_RUN = /[\p{L}\p{N}-]+/gu;
const HAS_DIGIT = /[0-9]/;
const HAS_LETTER = /\p{L}/u;
const MIN_CODE_PART = 4;
// After normalisation: runs of number tokens ("0812 3456 7890", "3201 ... 0001") with this many digits.
const MIN_MASKED_DIGITS = 8;
const MAX_LENGTH = 300;

/**
 * The form in which an unanswered question is stored for admins: normalised (so repeats group together)
 * with e-mails, codes and any run of 8 or more digits (NIK, KK, phone numbers) replaced by "#".
 * Names cannot be recognised reliably; the normalised text at least carries no formatting or contacts.
 */
export function anonymizeQuestion(text: string, normalize: (text: string) => string): string {
  const normalised = normalize(maskContacts(text));
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    const digits = run.reduce((total, word) => total + word.length, 0);
    if (digits >= MIN_MASKED_DIGITS) out.push("#");
    else out.push(...run);
    run = [];
  };
  for (const word of normalised.split(" ")) {
    if (/^\d+$/.test(word)) {
      run.push(word);
      continue;
    }
    flush();
    // A token mixing letters and digits is a code (an undashed ticket number) or glued digits: masked too.
    const digits = word.match(/\d/g)?.length ?? 0;
    if (digits >= MIN_MASKED_DIGITS || (digits >= 3 && word.length >= 8)) out.push("#");
    else out.push(word);
  }
  flush();
  return out.filter(Boolean).join(" ").slice(0, MAX_LENGTH);
}

/** Replaces each e-mail address by "email" and each dashed code (K7QM-2HXD-9RWA) by "kode", in linear time. */
function maskContacts(text: string): string {
  let out = "";
  for (const [piece] of text.matchAll(WORD_OR_SPACE)) {
    if (/\s/u.test(piece[0]!)) out += piece;
    else if (isEmail(piece)) out += " email ";
    else out += piece.replace(CODE_RUN, maskCodes);
  }
  return out;
}

function isEmail(word: string): boolean {
  const at = word.indexOf("@");
  return at > 0 && at < word.length - 1;
}

/** Within a run like "ab-K7QM-2HXD-9RWA": two or more dashed parts of 4+ characters mixing letters and digits. */
function maskCodes(run: string): string {
  const parts = run.split("-");
  const out: string[] = [];
  let group: string[] = [];
  const flush = () => {
    const joined = group.join("-");
    const isCode = group.length >= 2 && HAS_DIGIT.test(joined) && HAS_LETTER.test(joined);
    if (isCode) out.push(" kode ");
    else out.push(...group);
    group = [];
  };
  for (const part of parts) {
    if (part.length >= MIN_CODE_PART) {
      group.push(part);
      continue;
    }
    flush();
    out.push(part);
  }
  flush();
  return out.join("-");
}
