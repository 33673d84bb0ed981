import type { TicketStatus } from "../../db/index.ts";

/** What the applicant is told when an admin changes a ticket's status. */
export function statusNotification(number: string, status: TicketStatus, answerText?: string): string {
  switch (status) {
    case "Diterima":
      return `Tiket *${number}* sudah *diterima* petugas helpdesk dan akan segera diproses.`;
    case "Proses":
      return `Tiket *${number}* sedang *diproses* petugas helpdesk. Mohon ditunggu.`;
    case "Jawaban":
      return `Tiket *${number}* sudah dijawab petugas helpdesk:\n\n${answerText ?? ""}\n\n*Apakah masalah Anda sudah selesai?*`;
    case "Pertanyaan":
      return `Tiket *${number}* tercatat dengan status Pertanyaan.`;
  }
}

/** A corrected answer: says plainly that it replaces the earlier one. */
export function correctionNotification(number: string, correctedText: string): string {
  return `Ralat jawaban untuk tiket *${number}*. Mohon abaikan jawaban sebelumnya; jawaban yang benar:\n\n${correctedText}\n\nMohon maaf atas kekeliruannya.`;
}
