/** What the WhatsApp channel says to applicants, admins and the operator at the terminal. */
export const whatsappMessages = {
  /** Below a numbered list of choices. */
  choiceHint: "_Balas dengan nomor pilihan, misalnya 1._",
  downloadFailed:
    "Maaf, file Anda tidak dapat kami unduh dari WhatsApp. Silakan kirim ulang file tersebut beberapa saat lagi.",
  slowDown:
    "Mohon pelan-pelan: Anda mengirim banyak pesan dalam waktu singkat, sehingga sebagian tidak kami proses. " +
    "Tunggu sebentar, lalu kirim ulang pesan Anda satu per satu.",
  /** A message held for more than a day while the helpdesk was offline. */
  staleMessage: (sentAt: Date) =>
    `Mohon maaf, pesan yang Anda kirim pada ${sentAt.toLocaleString("id-ID", {
      timeZone: "Asia/Jakarta",
      dateStyle: "long",
      timeStyle: "short",
    })} WIB baru sampai kepada kami sekarang karena layanan WhatsApp helpdesk sempat terhenti. ` +
    "Agar tidak keliru, isi pesan lama itu tidak kami proses. Silakan kirim ulang pertanyaan Anda atau lanjutkan dari pilihan di bawah ini.",
  /** A message that could not be decrypted, even after WhatsApp's own retry. */
  resendPlease:
    "Mohon maaf, pesan terakhir Anda tidak dapat kami baca karena gangguan enkripsi WhatsApp. Mohon kirim ulang pesan tersebut.",
  callDeclined:
    "Mohon maaf, helpdesk ini tidak dapat menerima panggilan telepon atau video. Silakan tulis pertanyaan Anda di sini, " +
    "atau ketik *menu* untuk melihat pilihan layanan.",

  /** Indonesian names of message types the helpdesk cannot read, for "Maaf, stiker tidak dapat...". */
  unsupported: {
    stickerMessage: "stiker",
    audioMessage: "pesan suara",
    videoMessage: "video",
    ptvMessage: "video",
    locationMessage: "lokasi",
    liveLocationMessage: "lokasi langsung",
    contactMessage: "kontak",
    contactsArrayMessage: "kontak",
    pollCreationMessage: "polling",
    pollCreationMessageV2: "polling",
    pollCreationMessageV3: "polling",
    eventMessage: "undangan acara",
    groupInviteMessage: "undangan grup",
    productMessage: "produk",
    orderMessage: "pesanan",
  } as Readonly<Record<string, string>>,
  unsupportedFallback: "jenis pesan ini",

  // To the admin group (Telegram): what happened to the WhatsApp number and what to do.
  adminLoggedOut:
    "⚠️ Nomor WhatsApp helpdesk telah keluar (logout) dari perangkat tertaut. " +
    "Sesi lama sudah dihapus. Mohon operator server menautkan ulang nomor tersebut: " +
    "pindai kode QR yang tampil di terminal server, atau masukkan kode pairing " +
    "(WhatsApp > Perangkat tertaut > Tautkan perangkat). Selama belum ditautkan, pesan WhatsApp tidak terlayani.",
  adminConnectionReplaced:
    "⚠️ Sesi WhatsApp helpdesk diambil alih oleh WhatsApp Web/aplikasi lain yang memakai sesi yang sama. " +
    "Bot WhatsApp berhenti agar tidak saling berebut. Tutup sesi lain tersebut, lalu jalankan ulang bot.",
  adminForbidden:
    "⚠️ WhatsApp menolak koneksi nomor helpdesk (kode 403, kemungkinan nomor dibatasi atau diblokir). " +
    "Bot WhatsApp berhenti. Periksa nomor tersebut di aplikasi WhatsApp di ponsel.",

  adminOutage: (minutes: number, lastProblem: string) =>
    `⚠️ WhatsApp helpdesk tidak terhubung sejak ${minutes} menit yang lalu (penyebab terakhir: ${lastProblem}). ` +
    "Bot terus mencoba menyambung ulang dengan jeda yang makin panjang; pesan pemohon yang masuk selama ini " +
    "disimpan oleh WhatsApp dan dijawab setelah tersambung. Jika gangguan berlanjut, periksa koneksi internet " +
    "server dan log bot, dan apakah terminal server meminta menautkan ulang nomor (kode QR atau kode pairing).",
  adminBackOnline: (minutes: number) =>
    `✅ WhatsApp helpdesk tersambung kembali setelah terputus sekitar ${minutes} menit. ` +
    "Pesan yang masuk selama gangguan sedang dijawab.",

  // For the operator at the server's terminal.
  scanQr:
    "Tautkan WhatsApp helpdesk: buka WhatsApp di ponsel > Perangkat tertaut > Tautkan perangkat, lalu pindai kode QR ini.",
  pairingCode: (code: string) =>
    `Kode pairing WhatsApp: ${code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code}\n` +
    "Buka WhatsApp di ponsel > Perangkat tertaut > Tautkan perangkat > Tautkan dengan nomor telepon, lalu masukkan kode ini.",
} as const;
