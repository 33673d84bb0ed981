/** What the conversation engine says to applicants, in one place for review. */
export const engineMessages = {
  menuTitle: "Silakan pilih jenis masalah Anda:",
  greeting:
    "Halo, selamat datang di Helpdesk SSCASN (CPNS dan PPPK). Tulis pertanyaan Anda, atau pilih jenis masalah di bawah ini.",
  notUnderstood:
    "Maaf, kami belum memahami pesan Anda. Tulis pertanyaan Anda dengan kalimat lain, atau pilih jenis masalah di bawah ini.",
  emptyMessage: "Pesan Anda kosong. Silakan tulis pertanyaan Anda atau pilih menu.",
  help:
    "Cara menggunakan helpdesk ini:\n" +
    '• Tulis pertanyaan Anda, misalnya "bagaimana cara reset password?".\n' +
    "• Ketik *menu* untuk memilih jenis masalah dan mengisi formulir.\n" +
    "• Saat mengisi formulir: *kembali* (langkah sebelumnya), *batal* (batalkan), *ubah* (di ringkasan).\n" +
    "• Ketik *status* untuk melihat tiket Anda, atau *status NOMOR-TIKET*.",
  faqHelpful: "Apakah jawaban ini membantu?",
  faqYes: "Ya, membantu",
  faqNo: "Tidak",
  faqThanks: "Terima kasih. Jika ada pertanyaan lain, silakan tulis kapan saja.",
  faqToForm: "Baik, kami bantu melalui formulir pengaduan.",
  faqToMenu: "Baik. Silakan pilih jenis masalah yang paling sesuai:",
  faqLink: (link: string) => `Info resmi: ${link}`,
  formStart: (intro: string) =>
    `${intro}\nKetik *kembali* untuk langkah sebelumnya, *batal* untuk membatalkan, atau *menu* untuk mulai lagi.`,
  cancelled: "Pengisian formulir dibatalkan. Data yang Anda kirim tidak disimpan.",
  nothingToCancel: "Tidak ada formulir yang sedang diisi.",
  ticketCreated: (number: string) =>
    `Terima kasih, laporan Anda sudah kami terima dengan nomor tiket *${number}*.\n` +
    "Simpan nomor ini. Anda akan kami kabari di sini saat statusnya berubah. Ketik *status* untuk mengecek kapan saja.",
  fileOutsideForm:
    "Terima kasih, tetapi saat ini kami tidak sedang meminta file. Silakan pilih jenis masalah terlebih dahulu.",
  unsupportedOutsideForm: (what: string) =>
    `Maaf, ${what} tidak dapat kami proses. Silakan kirim pesan teks.`,
  conversationReset:
    "Maaf, percakapan sebelumnya tidak dapat dilanjutkan karena pembaruan sistem. Silakan mulai lagi dari menu.",
  internalError: "Maaf, terjadi gangguan di sistem kami. Silakan kirim ulang pesan Anda beberapa saat lagi.",
  ticketNotFound: (number: string) => `Tiket *${number}* tidak ditemukan. Mohon periksa kembali nomornya.`,
  ticketStatus: (number: string, category: string, status: string, updatedAt: string) =>
    `Tiket *${number}* (${category})\nStatus: *${status}*\nTerakhir diperbarui: ${updatedAt}`,
  statusMeaning: {
    Pertanyaan: "Laporan Anda sudah masuk dan menunggu diperiksa petugas.",
    Diterima: "Laporan Anda sudah diterima petugas dan akan segera diproses.",
    Proses: "Laporan Anda sedang diproses petugas.",
    Jawaban: "Petugas sudah memberikan jawaban.",
  } as Record<string, string>,
  ticketAnswer: (answer: string) => `Jawaban petugas:\n${answer}`,
  answerHiddenElsewhere:
    "Jawaban hanya ditampilkan di percakapan yang membuat tiket ini. Untuk melihatnya dari sini, kirim: status NOMOR-TIKET NIK",
  noTickets: "Belum ada tiket dari percakapan ini.",
} as const;
