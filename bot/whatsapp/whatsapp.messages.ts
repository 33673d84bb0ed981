/** What the WhatsApp channel says to applicants, admins and the operator at the terminal. */
export const whatsappMessages = {
  /** Below a numbered list of choices. */
  choiceHint: "_Balas dengan nomor pilihan, misalnya 1._",
  downloadFailed:
    "Maaf, file Anda tidak dapat kami unduh dari WhatsApp. Silakan kirim ulang file tersebut beberapa saat lagi.",

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
    reactionMessage: "reaksi",
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

  // For the operator at the server's terminal.
  scanQr:
    "Tautkan WhatsApp helpdesk: buka WhatsApp di ponsel > Perangkat tertaut > Tautkan perangkat, lalu pindai kode QR ini.",
  pairingCode: (code: string) =>
    `Kode pairing WhatsApp: ${code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code}\n` +
    "Buka WhatsApp di ponsel > Perangkat tertaut > Tautkan perangkat > Tautkan dengan nomor telepon, lalu masukkan kode ini.",
} as const;
