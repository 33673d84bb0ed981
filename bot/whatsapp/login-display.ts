import qrcode from "qrcode-terminal";
import { whatsappMessages as m } from "./whatsapp.messages.ts";

/** Shows the operator how to link the number: a QR code to scan, or a pairing code to type. */
export interface LoginDisplay {
  qr(qr: string): void;
  pairingCode(code: string): void;
}

/** Prints to the server's terminal (stdout), where the operator starts the bot. */
export function terminalLoginDisplay(output: NodeJS.WritableStream = process.stdout): LoginDisplay {
  return {
    qr(qr) {
      output.write(`${m.scanQr}\n`);
      qrcode.generate(qr, { small: true }, (rendered) => output.write(`${rendered}\n`));
    },
    pairingCode(code) {
      output.write(`${m.pairingCode(code)}\n`);
    },
  };
}
