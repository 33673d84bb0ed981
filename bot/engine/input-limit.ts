/** The longest text the engine reads; WhatsApp allows 65,536 characters, far beyond any real question. */
export const MAX_TEXT_LENGTH = 4096;

/** The first MAX_TEXT_LENGTH characters, never cutting an emoji (surrogate pair) in half. */
export function capText(text: string): string {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  const last = text.charCodeAt(MAX_TEXT_LENGTH - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? MAX_TEXT_LENGTH - 1 : MAX_TEXT_LENGTH;
  return text.slice(0, end);
}
