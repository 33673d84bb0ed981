/** Everything the Telegram adapter itself says (the engine and the helpdesk service say the rest). */
export const telegramMessages = {
  slowDown:
    "Mohon pelan-pelan: Anda mengirim banyak pesan dalam waktu singkat, sehingga sebagian tidak kami proses. " +
    "Tunggu sebentar, lalu kirim ulang pesan Anda satu per satu.",
  downloadFailed: "Maaf, file Anda gagal kami terima. Silakan kirim ulang beberapa saat lagi.",
  adminOnly: "Maaf, perintah ini hanya untuk petugas helpdesk.",
  anonymousAdmin:
    "Mohon kirim perintah atas nama akun Anda sendiri (matikan mode anonim admin), agar tindakan Anda tercatat.",
  accessCheckFailed: "Maaf, hak akses Anda belum dapat diperiksa. Silakan coba lagi sebentar lagi.",
  answerPrompt: (ticketNumber: string, adminName: string) =>
    `${adminName}, balas pesan ini dengan teks jawaban untuk tiket ${ticketNumber}.`,
  answerPlaceholder: (ticketNumber: string) => `Jawaban untuk ${ticketNumber}`,
  cardHint: "Balas (reply) kartu ini dengan teks, lalu tekan Kirim ke pelapor, untuk menjawab tiket.",
  cardFilesFollow: (count: number) => `Lampiran: ${count} file, dikirim di bawah kartu ini.`,
  fileCaption: (ticketNumber: string, label: string) => `${ticketNumber}: ${label}`,
  replyNeedsText: "Untuk menjawab tiket, balas kartu tiket dengan pesan teks.",
  confirmAnswer: (ticketNumber: string, adminName: string, text: string) =>
    `${adminName}, kirim teks ini sebagai jawaban tiket ${ticketNumber} kepada pelapor?\n\n${text}\n\n` +
    "Jawaban baru terkirim setelah Anda menekan *Kirim ke pelapor*.",
  draftButtons: { send: "Kirim ke pelapor", cancel: "Batal" },
  draftGone: "Jawaban ini sudah dikirim atau dibatalkan sebelumnya.",
  draftNotYours: (adminName: string) =>
    `Hanya ${adminName}, yang menulis jawaban ini, yang dapat mengirimnya.`,
  draftCancelled: (ticketNumber: string) => `Jawaban untuk tiket ${ticketNumber} tidak dikirim.`,
  buttons: { accept: "Terima", process: "Proses", answer: "Jawab" },
  /** The names used when an applicant sends something the bot cannot read. */
  unsupported: {
    sticker: "stiker",
    voice: "pesan suara",
    audio: "file audio",
    video: "video",
    video_note: "pesan video",
    animation: "GIF",
    location: "lokasi",
    venue: "lokasi",
    contact: "kontak",
    poll: "polling",
    dice: "emoji animasi",
    game: "permainan",
    story: "story",
    edited: "pesan yang diedit",
    other: "jenis pesan ini",
  },
  commands: {
    start: "Mulai dan tampilkan menu",
    menu: "Pilih jenis masalah",
    batal: "Batalkan formulir yang sedang diisi",
    status: "Lihat status tiket Anda",
    bantuan: "Cara menggunakan helpdesk",
  },
  adminCommands: {
    tiket: "Daftar tiket: /tiket [status] [halaman]",
    lihat: "Detail tiket: /lihat <no>",
    terima: "Terima tiket: /terima <no>",
    proses: "Proses tiket: /proses <no>",
    jawab: "Jawab tiket: /jawab <no> <teks>",
    ralat: "Ralat jawaban: /ralat <no> <teks>",
    cari: "Cari tiket: /cari <NIK | nama | no>",
    statistik: "Statistik tiket",
    faqgap: "Pertanyaan yang sering tidak terjawab: /faqgap [hari]",
    faqtambah: "Ajari FAQ: /faqtambah <id-faq> <frasa>, atau /faqtambah baru <pertanyaan> | <jawaban>",
    bantuan: "Daftar perintah admin",
  },
} as const;
