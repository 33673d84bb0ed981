export const consoleMessages = {
  welcome:
    "Helpdesk SSCASN: obrolan konsol. Tulis pesan lalu tekan Enter.\n" +
    "Perintah konsol: /lampir <path> (kirim file), /admin <perintah> (perintah admin, misalnya /admin bantuan), /keluar.",
  fileNotFound: (path: string) => `File tidak dapat dibaca: ${path}`,
  attachUsage: "Format: /lampir <path ke file JPG atau PDF>",
  bye: "Sampai jumpa.",
} as const;
