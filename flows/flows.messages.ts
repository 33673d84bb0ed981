/** Everything the dialogue forms say to the applicant, in one place for review. */
export const formMessages = {
  submitLabel: "Kirim",
  editLabel: "Ubah data",
  cancelLabel: "Batal",
  yes: "Ya",
  no: "Tidak",
  alreadyFirstStep: "Ini sudah langkah pertama. Ketik *menu* untuk memilih jenis masalah lain.",
  summaryChoiceUnknown:
    "Mohon pilih *Kirim* jika data sudah benar, *Ubah data* untuk memperbaiki, atau *Batal*.",
  editChoiceUnknown: "Mohon pilih data yang ingin diubah dari daftar (boleh ketik nomornya).",
  chooseEdit: "Data mana yang ingin Anda ubah?",
  summaryTitle: "Mohon periksa kembali data Anda:",
  summaryQuestion: "Apakah data di atas sudah benar?",
  progress: (step: number, total: number) => `(Langkah ${step} dari ${total})`,
  previousAnswer: (value: string) => `Jawaban sebelumnya: ${value}`,
  navigationHint:
    "Ketik *kembali* untuk langkah sebelumnya, *batal* untuk membatalkan, atau *menu* untuk mulai lagi.",
  fileAttached: (kind: string, sizeKb: string) => `File ${kind} (${sizeKb} KB)`,
  confirmFitted: (f: {
    fromKind: string;
    fromSize: string;
    size: string;
    width: number;
    height: number;
    shrunk: boolean;
  }) =>
    (f.shrunk
      ? `Foto Anda (${f.fromKind}, ${f.fromSize}) melebihi batas 200 KB, jadi sudah kami kecilkan `
      : `Foto Anda berformat ${f.fromKind}, sedangkan yang diterima JPG, jadi sudah kami ubah `) +
    `menjadi *JPG ${f.size}* (${f.width}×${f.height} piksel) dan tetap terbaca. File asli tidak kami simpan.\n` +
    "Gunakan foto ini?",
  useFitted: "Ya, gunakan",
  sendAnother: "Tidak, kirim file lain",
  proposalChoiceUnknown:
    "Mohon pilih *Ya, gunakan* atau *Tidak, kirim file lain* (boleh ketik nomornya), atau kirim file lain.",
  sendAnotherFile: "Baik, silakan kirim file lain.",
  expectText: "Langkah ini meminta jawaban berupa teks, bukan file.",
  expectFile: "Langkah ini meminta file (foto JPG atau PDF), bukan teks.",
  expectChoice: "Mohon pilih salah satu pilihan yang tersedia (boleh ketik nomornya).",
  unsupported: (what: string) => `Maaf, ${what} tidak dapat kami proses.`,

  askName: "Tulis *nama lengkap* Anda sesuai KTP (tanpa gelar).",
  askNik: "Tulis *NIK* Anda (16 digit, tertera di KTP).",
  askKk: "Tulis *Nomor Kartu Keluarga (KK)* Anda (16 digit, tertera di bagian atas KK).",
  askBirthPlace: "Tulis *tempat lahir* Anda sesuai KTP (kabupaten/kota).",
  askBirthDate: "Tulis *tanggal lahir* Anda sesuai KTP, misalnya 17-08-1995 atau 17 Agustus 1995.",
  nikDateMismatch: (nikDate: string, givenDate: string) =>
    `Tanggal lahir pada NIK (${nikDate}) berbeda dengan tanggal lahir yang Anda tulis (${givenDate}). ` +
    "Ini bisa terjadi jika tanggal lahir pernah dikoreksi, karena NIK tidak berubah. Mana yang ingin Anda lakukan?",
  bothCorrect: "Keduanya sudah benar",
  fixNik: "Perbaiki NIK",
  fixBirthDate: "Perbaiki tanggal lahir",
  askFile: (what: string) =>
    `Kirim *${what}* sebagai foto atau dokumen. Format JPG atau PDF, ukuran maksimal 200 KB.`,
  askAgency: (what: string) => `Tulis *${what}*.`,
  askLongText: (what: string, max: number) => `Tulis *${what}* (maksimal ${max} karakter).`,
  askShortAnswer: (what: string) => `Tulis *${what}*.`,
  askYesNo: (question: string) => question,
  askTicketNumber: "Tulis *nomor tiket* Anda (contoh: K7QM-2HXD-9RWA).",
  askTicketNumberWithOwn: "Tulis *nomor tiket* Anda, atau pilih salah satu tiket Anda di bawah ini.",
  ticketNumberFormat:
    "Nomor tiket terdiri dari 12 huruf/angka, misalnya K7QM-2HXD-9RWA. Mohon periksa kembali.",
  ticketNumberTypo:
    "Nomor tiket tersebut tidak valid, kemungkinan ada huruf atau angka yang salah ketik. Mohon periksa kembali.",
  noOwnTickets: "Kami belum menemukan tiket dari percakapan ini.",
  ownTicketsPage: (page: number, pages: number) =>
    `Tiket Anda, halaman ${page} dari ${pages} (yang belum selesai di atas).`,
  moreTickets: "Tiket lainnya",
} as const;
