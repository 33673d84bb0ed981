import { isLidUser, isPnUser, jidNormalizedUser, type WAMessageKey } from "@whiskeysockets/baileys";
import type { WhatsAppAddress } from "../../db/whatsapp-contact.repository.ts";
import { maskId } from "../logging/mask.ts";
import type { WASocketLike } from "./whatsapp-socket.ts";

// Fields older 7.0 release candidates put on the key instead of remoteJidAlt.
type LegacyKey = { senderPn?: string | null; senderLid?: string | null };

/**
 * Who wrote, as far as this message tells: the jid WhatsApp used (a phone number or a @lid id) and
 * the other form when it gives one (`remoteJidAlt` in 7.0; `senderPn`/`senderLid` before). When only
 * the @lid id is known, Baileys' own lid-to-phone mapping may know the number.
 */
export async function addressOf(
  key: WAMessageKey,
  lidMapping?: WASocketLike["signalRepository"]["lidMapping"],
): Promise<WhatsAppAddress> {
  const jid = jidNormalizedUser(key.remoteJid ?? undefined);
  const legacy = key as LegacyKey;
  const altRaw = key.remoteJidAlt ?? legacy.senderPn ?? legacy.senderLid ?? undefined;
  const alt = altRaw ? jidNormalizedUser(altRaw) : undefined;
  const lid = [jid, alt].find((j) => isLidUser(j));
  let phoneJid = [jid, alt].find((j) => isPnUser(j));
  if (lid && !phoneJid && lidMapping) {
    // Best effort: the mapping lives in the key store and may simply not know this person yet.
    const pn = await lidMapping.getPNForLID(lid).catch(() => null);
    if (pn) phoneJid = jidNormalizedUser(pn);
  }
  return { jid, ...(lid ? { lid } : {}), ...(phoneJid ? { phoneJid } : {}) };
}

/** A jid for logs: the number or @lid id masked, the server kept ("********6789@lid"). */
export function maskJid(jid: string): string {
  const at = jid.indexOf("@");
  return at < 0 ? maskId(jid) : `${maskId(jid.slice(0, at))}${jid.slice(at)}`;
}
