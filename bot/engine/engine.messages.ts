/** What the conversation engine says to applicants, in one place for review. */
export const engineMessages = {
  menuTitle: "Silakan pilih jenis masalah Anda:",
  greeting:
    "Halo, selamat datang di Helpdesk SSCASN (CPNS dan PPPK). Tulis pertanyaan Anda, atau pilih jenis masalah di bawah ini.",
  /** /start in the middle of a form: the answers so far are kept, and the current step follows. */
  greetingInForm: (formTitle: string) =>
    `Halo, selamat datang kembali di Helpdesk SSCASN (CPNS dan PPPK). Anda sedang mengisi formulir *${formTitle}*; ` +
    "jawaban yang sudah Anda kirim tetap tersimpan. Silakan lanjutkan di bawah ini, atau ketik *menu* untuk memulai dari awal.",
  notUnderstood:
    "Maaf, kami belum bisa menjawab pesan itu. Helpdesk ini melayani pertanyaan seputar pendaftaran CPNS dan PPPK di SSCASN. Tulis pertanyaan Anda dengan kalimat lain, atau pilih jenis masalah di bawah ini.",
  smallTalk: {
    greeting:
      "Halo, selamat datang di Helpdesk SSCASN (CPNS dan PPPK). Tulis pertanyaan Anda, atau pilih jenis masalah di bawah ini.",
    thanks:
      "Sama-sama. Jika ada pertanyaan lain, silakan tulis kapan saja, atau pilih jenis masalah di bawah ini.",
    acknowledgement:
      "Baik. Jika ada yang ingin ditanyakan, tulis pertanyaan Anda atau pilih jenis masalah di bawah ini.",
    human:
      "Anda sedang dilayani asisten otomatis. Petugas helpdesk menanggapi melalui tiket: pilih jenis masalah di bawah ini dan isi formulirnya, jawaban petugas akan dikirim ke percakapan ini.",
    complaint:
      "Mohon maaf atas ketidaknyamanannya. Kami ingin membantu: tulis masalah Anda secara singkat, atau pilih jenis masalah di bawah ini.",
    bot: "Saya asisten otomatis Helpdesk SSCASN. Saya menjawab pertanyaan seputar pendaftaran CPNS dan PPPK dan membantu membuat tiket pengaduan. Tulis pertanyaan Anda, atau pilih jenis masalah di bawah ini.",
    help: 'Tentu, kami siap membantu. Tulis pertanyaan Anda (misalnya "lupa password"), atau pilih jenis masalah di bawah ini.',
    laughter: "Ada yang bisa kami bantu? Tulis pertanyaan Anda, atau pilih jenis masalah di bawah ini.",
  } as Record<string, string>,
  clarifyQuestion: "Agar jawabannya tepat, maksud Anda yang mana?",
  clarifyNone: "Bukan semuanya",
  clarifyRejected:
    "Baik, pertanyaan Anda kami catat untuk melengkapi jawaban kami. Tulis pertanyaan Anda dengan kalimat lain, atau pilih jenis masalah di bawah ini.",
  faqRelated: "Pertanyaan terkait",
  faqRelatedTitle: "Pertanyaan terkait lainnya. Pilih salah satu:",
  faqNoRelated: "Belum ada pertanyaan terkait untuk jawaban ini.",
  /** The selection phase an answer belongs to, shown above it ("umum" shows nothing). */
  phaseLabel: {
    pendaftaran: "Pendaftaran",
    seleksi_administrasi: "Seleksi Administrasi",
    sanggah: "Sanggah",
    skd: "SKD",
    skb: "SKB",
    pemberkasan: "Pemberkasan",
  } as Record<string, string>,
  phasePrefix: (label: string) => `*Tahap: ${label}*`,
  emptyMessage: "Pesan Anda kosong. Silakan tulis pertanyaan Anda atau pilih menu.",
  /** A file sent with a caption where no file is asked for: the caption is what gets answered. */
  captionInsteadOfFile:
    "Catatan: file Anda tidak kami simpan karena langkah ini tidak meminta file. Keterangan yang Anda tulis di bawah file kami proses sebagai pesan Anda.",
  formQuestionAnswered: (answer: string) =>
    `${answer}\n\nPertanyaan Anda tidak kami catat sebagai jawaban formulir. Silakan lanjutkan pengisian di bawah ini.`,
  formQuestionUnanswered:
    "Sepertinya Anda mengajukan pertanyaan. Jawabannya belum ada di FAQ kami; silakan tanyakan lagi setelah formulir ini " +
    "selesai, atau ketik *batal* untuk berhenti mengisi. Pertanyaan Anda tidak kami catat sebagai jawaban formulir.",
  textCapped:
    "Pesan Anda sangat panjang, jadi kami hanya membaca 4.096 karakter pertamanya. Agar lebih mudah dibantu, tulis pertanyaan Anda secara singkat.",
  textTooLongInForm:
    "Pesan Anda terlalu panjang untuk kami proses (lebih dari 4.096 karakter) dan tidak kami simpan. Mohon ringkas lalu kirim ulang.",
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
  /** The chat's unfinished form was removed by retention; told once, when the applicant writes again. */
  draftExpired: (lastActivityIso: string) =>
    `Formulir yang belum selesai Anda isi (terakhir diisi ${new Date(lastActivityIso).toLocaleDateString("id-ID", { timeZone: "Asia/Jakarta", dateStyle: "long" })}) sudah kami hapus ` +
    "bersama data pribadi dan lampirannya, karena lama tidak dilanjutkan. Ini kami lakukan untuk melindungi data Anda. " +
    "Jika masih memerlukan bantuan, silakan mulai lagi dengan memilih jenis masalah.",
  internalError: "Maaf, terjadi gangguan di sistem kami. Silakan kirim ulang pesan Anda beberapa saat lagi.",
  ticketNotFound: (number: string) => `Tiket *${number}* tidak ditemukan. Mohon periksa kembali nomornya.`,
  ticketNumberUnreadable:
    "Nomor tiket tidak terbaca. Nomor tiket terdiri dari 12 huruf/angka, misalnya K7QM-2HXD-9RWA.",
  ticketNumberTypo: (typed: string) =>
    `Nomor tiket *${typed}* tampaknya salah ketik: ada huruf atau angka yang keliru. ` +
    "Mohon periksa kembali nomor pada pesan konfirmasi tiket Anda, atau ketik *status* untuk melihat tiket dari percakapan ini.",
  ticketNumberTypoOwn: (typed: string, own: string) =>
    `Nomor tiket *${typed}* tampaknya salah ketik. Mungkin maksud Anda tiket Anda *${own}*? ` +
    `Kirim *status ${own}* untuk melihatnya.`,
  nikProofMismatch:
    "NIK yang Anda kirim tidak cocok dengan tiket ini, sehingga jawabannya tidak kami tampilkan. " +
    "Mohon periksa kembali NIK Anda (16 digit sesuai KTP).",
  nikProofMalformed:
    "Untuk melihat jawaban dari percakapan lain, kirim satu NIK 16 digit milik pelapor: status NOMOR-TIKET NIK.",
  nikProofLimited:
    "Terlalu banyak percobaan NIK yang tidak cocok untuk tiket ini atau dari percakapan ini. Demi keamanan data, " +
    "jawaban tidak kami tampilkan untuk sementara. Silakan coba lagi 1 jam lagi, atau cek dari percakapan yang membuat tiket.",
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
  feedbackSolved: "Ya",
  feedbackUnsolved: "Masih bermasalah",
  feedbackThanks: (number: string) =>
    `Terima kasih atas tanggapan Anda. Senang masalah pada tiket *${number}* sudah selesai. Jika ada pertanyaan lain, silakan tulis kapan saja.`,
  askWhatIsWrong: (number: string) =>
    `Mohon maaf masalah Anda belum selesai. Tulis *apa yang masih bermasalah* pada tiket *${number}* dalam satu pesan ` +
    "(maksimal 500 karakter). Tiket akan kami buka kembali dan petugas akan menindaklanjutinya. Ketik *batal* jika tidak jadi.",
  reasonNeedsText: "Mohon tulis dalam bentuk teks apa yang masih bermasalah, atau ketik *batal*.",
  reopened: (number: string) =>
    `Terima kasih. Tiket *${number}* kami buka kembali dengan status *Proses* beserta keterangan Anda. ` +
    "Petugas akan menindaklanjutinya dan Anda akan kami kabari di sini.",
  reopenCancelled: (number: string) =>
    `Baik, tiket *${number}* tidak dibuka kembali. Jika masalahnya muncul lagi, tekan tombol *Masih bermasalah* pada jawaban petugas.`,
  reopenNotPossible: (number: string, status: string) =>
    `Tiket *${number}* saat ini berstatus *${status}*, jadi tidak perlu dibuka kembali. Petugas masih menanganinya.`,
  feedbackAlreadyGiven: (number: string) =>
    `Tanggapan Anda untuk jawaban tiket *${number}* sudah kami terima sebelumnya. Terima kasih.`,
  feedbackUnknownTicket:
    "Maaf, tiket tersebut tidak ditemukan di percakapan ini. Ketik *status* untuk melihat tiket Anda.",
  adminReopened: (number: string, reason: string) =>
    `Tiket ${number} dibuka kembali oleh pelapor (status Proses).\nYang masih bermasalah:\n${reason}\n\n` +
    "Balas pesan ini dengan teks jawaban untuk menjawab tiket.",
  openTicketExists: (number: string, status: string, category: string) =>
    `Untuk NIK ini masih ada tiket *${number}* untuk masalah *${category}* dengan status *${status}*, jadi kami tidak membuat tiket kedua. ` +
    "Apakah Anda ingin menambahkan informasi baru ke tiket tersebut?",
  /** Stands for the ticket number in a chat other than the ticket's own (a NIK alone must not reveal it). */
  otherChatTicket: "yang dibuat melalui percakapan lain",
  addInfoChoice: "Tambahkan informasi",
  addInfoDecline: "Tidak, terima kasih",
  askAddInfo: (number: string) =>
    `Tulis *informasi tambahan* untuk tiket *${number}* dalam satu pesan (maksimal 500 karakter). Ketik *batal* jika tidak jadi.`,
  addInfoNeedsText: "Mohon tulis informasi tambahan dalam bentuk teks, atau ketik *batal*.",
  infoAdded: (number: string) =>
    `Terima kasih. Informasi Anda sudah kami tambahkan ke tiket *${number}* dan diteruskan ke petugas. Ketik *status* untuk mengecek tiket kapan saja.`,
  addInfoCancelled: (number: string) =>
    `Baik. Tiket *${number}* tetap kami proses. Ketik *status* untuk mengecek tiket kapan saja.`,
  duplicateClosed: (number: string, status: string) =>
    `Tiket *${number}* sekarang berstatus *${status}*. Silakan isi formulir lagi melalui *menu* jika masalahnya belum selesai.`,
  adminInfoAdded: (number: string, text: string) =>
    `Informasi tambahan dari pelapor untuk tiket ${number}:\n${text}\n\nBalas pesan ini dengan teks jawaban untuk menjawab tiket.`,
  ownTicketsTitle: (total: number) => `Tiket Anda (${total}), yang belum selesai di atas:`,
  ownTicketLine: (number: string, status: string, category: string) =>
    `• *${number}*: ${status} (${category})`,
  moreTicketsAfterForm: (count: number) =>
    `...dan ${count} tiket lainnya. Ketik *status* setelah formulir selesai untuk melihat semuanya, atau *status NOMOR-TIKET*.`,
} as const;
