// Raw-text patterns that identify a person: e-mail addresses, and codes mixing letters and digits
// (ticket numbers), replaced by a neutral word before normalisation would split them up.
const EMAIL = /[^\s@]+@[^\s@]+/gu;
const CODE = /\b(?=[\p{L}\d-]*\d)(?=[\p{L}\d-]*\p{L})[\p{L}\d]{4,}(?:-[\p{L}\d]{4,})+\b/gu;
// After normalisation: runs of number tokens ("0812 3456 7890", "3201 ... 0001") with this many digits.
const MIN_MASKED_DIGITS = 8;
const MAX_LENGTH = 300;

/**
 * The form in which an unanswered question is stored for admins: normalised (so repeats group together)
 * with e-mails, codes and any run of 8 or more digits (NIK, KK, phone numbers) replaced by "#".
 * Names cannot be recognised reliably; the normalised text at least carries no formatting or contacts.
 */
export function anonymizeQuestion(text: string, normalize: (text: string) => string): string {
  const normalised = normalize(text.replace(EMAIL, " email ").replace(CODE, " kode "));
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
