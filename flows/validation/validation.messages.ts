// Every text the applicant reads from field validation. Keep wording here so it can be reviewed alone.

/** Which identity number a message is about. */
export type IdNumberKind = "nik" | "kk";

const ID_LABEL: Record<IdNumberKind, string> = { nik: "NIK", kk: "Nomor KK" };
const ID_SOURCE: Record<IdNumberKind, string> = { nik: "KTP", kk: "Kartu Keluarga" };
const recheck = (kind: IdNumberKind) =>
  `Mohon periksa kembali ${ID_LABEL[kind]} sesuai ${ID_SOURCE[kind]} Anda.`;

export const idNumberMessages = {
  empty: (kind: IdNumberKind) =>
    `${ID_LABEL[kind]} belum diisi. Silakan kirim ${ID_LABEL[kind]} Anda (16 digit angka sesuai ${ID_SOURCE[kind]}).`,
  /** `character` is described for the reader ('karakter "x"'); the hint names the look-alike digit, if any. */
  notDigits: (kind: IdNumberKind, character: string, lookAlike?: "0" | "1") =>
    `${ID_LABEL[kind]} hanya boleh berisi angka 0-9, tetapi pesan Anda memuat ${character}. ` +
    `Silakan kirim ulang 16 digit ${ID_LABEL[kind]} tanpa huruf atau simbol` +
    (lookAlike === "0"
      ? " (perhatikan huruf O yang seharusnya angka 0)."
      : lookAlike === "1"
        ? " (perhatikan huruf I atau l yang seharusnya angka 1)."
        : "."),
  wrongLength: (kind: IdNumberKind, digitCount: number) =>
    `${ID_LABEL[kind]} harus 16 digit, sedangkan yang Anda kirim ${digitCount} digit. ` +
    `Silakan periksa kembali ${ID_SOURCE[kind]} Anda dan kirim ulang 16 digit ${ID_LABEL[kind]}.`,
  unknownProvince: (kind: IdNumberKind, code: string) =>
    `Dua digit pertama ${ID_LABEL[kind]} (${code}) bukan kode provinsi yang berlaku (kode provinsi 11-96). ${recheck(kind)}`,
  zeroRegency: (kind: IdNumberKind) =>
    `Digit ke-3 dan ke-4 ${ID_LABEL[kind]} adalah kode kabupaten/kota dan tidak mungkin "00". ${recheck(kind)}`,
  zeroSerial: (kind: IdNumberKind) =>
    `Empat digit terakhir ${ID_LABEL[kind]} tidak mungkin "0000". ${recheck(kind)}`,
};

export const nikMessages = {
  invalidMonth: (month: string) =>
    `Digit ke-9 dan ke-10 NIK adalah bulan lahir, tetapi "${month}" bukan bulan (01-12). ${recheck("nik")}`,
  invalidDay: (day: string) =>
    `Digit ke-7 dan ke-8 NIK adalah tanggal lahir (01-31 untuk laki-laki, 41-71 untuk perempuan), ` +
    `tetapi NIK Anda berisi "${day}". ${recheck("nik")}`,
  dayNotInMonth: (day: number, monthName: string) =>
    `Tanggal lahir pada NIK Anda (${day} ${monthName}) tidak ada di kalender. ${recheck("nik")}`,
  sameAsKk: () =>
    "NIK tidak boleh sama dengan Nomor KK yang sudah Anda kirim. Keduanya sering tertukar: NIK tertera di KTP, " +
    "sedangkan Nomor KK tercetak di bagian atas Kartu Keluarga. Silakan kirim NIK dari KTP Anda.",
};

export const kkMessages = {
  sameAsNik: () =>
    "Nomor KK tidak boleh sama dengan NIK. Keduanya sering tertukar: NIK tertera di KTP, sedangkan " +
    'Nomor KK adalah 16 digit yang tercetak di bagian atas Kartu Keluarga (setelah tulisan "No."). ' +
    "Silakan kirim Nomor KK dari Kartu Keluarga Anda.",
  invalidIssueDate: (ddmmyy: string) =>
    `Digit ke-7 sampai ke-12 Nomor KK adalah tanggal pencatatan (hari-bulan-tahun), tetapi "${ddmmyy}" ` +
    `bukan tanggal yang valid. ${recheck("kk")} Pastikan yang Anda kirim bukan NIK.`,
  futureIssueDate: (displayDate: string) =>
    `Tanggal pencatatan pada Nomor KK (${displayDate}) belum terlewati. ${recheck("kk")}`,
};

const DATE_EXAMPLE = "17-08-1995 atau 17 Agustus 1995";

export const dateMessages = {
  empty: () =>
    `Tanggal belum diisi. Silakan kirim tanggal dengan urutan tanggal-bulan-tahun, contoh: ${DATE_EXAMPLE}.`,
  unrecognized: () =>
    `Format tanggal belum kami kenali. Silakan kirim dengan urutan tanggal-bulan-tahun, contoh: ${DATE_EXAMPLE}.`,
  unknownMonthName: (word: string) =>
    `Nama bulan "${word}" tidak kami kenali. Silakan tulis bulan dengan angka atau nama bulan, contoh: ${DATE_EXAMPLE}.`,
  monthOutOfRange: (month: number) =>
    `Bulan "${month}" tidak ada (bulan hanya 1-12). Pastikan urutannya tanggal-bulan-tahun, contoh: ${DATE_EXAMPLE}.`,
  notOnCalendar: (day: number, monthName: string, year: number) =>
    `Tanggal ${day} ${monthName} ${year} tidak ada di kalender. Mohon periksa kembali, contoh format: ${DATE_EXAMPLE}.`,
  inFuture: (displayDate: string) =>
    `Tanggal ${displayDate} belum terjadi. Mohon periksa kembali tanggalnya, terutama tahunnya (contoh: 17-08-1995).`,
  beforeMinYear: (year: number, minYear: number) =>
    `Tahun ${year} terlalu lampau (paling awal ${minYear}). Mohon periksa kembali tahunnya (contoh: 17-08-1995).`,
  tooYoung: (displayDate: string, minAge: number) =>
    `Dengan tanggal lahir ${displayDate}, usia Anda belum ${minAge} tahun, sehingga belum mungkin menjadi ` +
    "pelamar CPNS/PPPK. Mohon periksa kembali tanggal lahir Anda, terutama tahunnya (contoh: 17-08-1995).",
};

export const nameMessages = {
  empty: () => "Nama belum diisi. Silakan kirim nama lengkap Anda sesuai KTP.",
  tooShort: (min: number) =>
    `Nama terlalu pendek. Silakan kirim nama lengkap sesuai KTP (minimal ${min} huruf).`,
  tooLong: (count: number, max: number) =>
    `Nama terlalu panjang (${count} karakter, maksimal ${max}). Silakan kirim nama lengkap sesuai KTP saja.`,
  hasDigits: () => "Nama tidak boleh berisi angka. Silakan kirim nama lengkap Anda sesuai KTP, tanpa angka.",
  invalidCharacter: (character: string) =>
    `Nama hanya boleh berisi huruf, spasi, dan tanda ' . , - (${character} tidak bisa dipakai). ` +
    "Silakan kirim nama sesuai KTP.",
  noLetters: () => "Nama harus berisi huruf. Silakan kirim nama lengkap Anda sesuai KTP.",
};

export const placeMessages = {
  empty: () =>
    "Tempat lahir belum diisi. Silakan kirim nama kota/kabupaten tempat lahir sesuai KTP, contoh: Surakarta.",
  tooShort: (min: number) =>
    `Tempat lahir terlalu pendek (minimal ${min} huruf). Silakan kirim nama kota/kabupaten tempat lahir sesuai KTP.`,
  tooLong: (count: number, max: number) =>
    `Tempat lahir terlalu panjang (${count} karakter, maksimal ${max}). Cukup kirim nama kota/kabupaten sesuai KTP.`,
  hasDigits: () =>
    "Tempat lahir tidak boleh berisi angka. Silakan kirim nama kota/kabupaten tempat lahir sesuai KTP, contoh: Surakarta.",
  invalidCharacter: (character: string) =>
    `Tempat lahir hanya boleh berisi huruf, spasi, dan tanda . - ' ( ) / , (${character} tidak bisa dipakai). ` +
    "Silakan kirim ulang sesuai KTP.",
  noLetters: () =>
    "Tempat lahir harus berisi huruf. Silakan kirim nama kota/kabupaten tempat lahir sesuai KTP.",
};

export const agencyMessages = {
  empty: () => "Nama instansi belum diisi. Silakan kirim nama instansi, contoh: Pemerintah Kabupaten Sleman.",
  tooShort: (min: number) =>
    `Nama instansi terlalu pendek (minimal ${min} karakter). Silakan tulis nama instansi lengkap, contoh: Pemerintah Kabupaten Sleman.`,
  tooLong: (count: number, max: number) =>
    `Nama instansi terlalu panjang (${count} karakter, maksimal ${max}). Silakan kirim nama instansinya saja.`,
  noLetters: () =>
    "Nama instansi harus berisi huruf. Silakan kirim nama instansi, contoh: Pemerintah Kabupaten Sleman.",
};

export const longTextMessages = {
  empty: (fieldLabel: string, max: string) =>
    `${fieldLabel} belum diisi. Silakan tulis dalam satu pesan (maksimal ${max} karakter).`,
  tooLong: (fieldLabel: string, count: string, max: string, excess: string) =>
    `Teks Anda ${count} karakter, maksimal ${max} karakter untuk ${fieldLabel}. ` +
    `Mohon ringkas (kurangi sekitar ${excess} karakter) lalu kirim ulang.`,
  noContent: (fieldLabel: string) =>
    `${fieldLabel} harus berisi kata-kata (huruf atau angka); emoji, tanda baca, atau karakter tak terlihat saja ` +
    "tidak bisa kami proses. Silakan tulis dengan kalimat.",
};

export const shortAnswerMessages = {
  empty: (fieldLabel: string) => `${fieldLabel} belum diisi. Silakan kirim jawaban Anda.`,
  tooLong: (fieldLabel: string, count: number, max: number) =>
    `${fieldLabel} terlalu panjang (${count} karakter, maksimal ${max}). Mohon kirim jawaban yang lebih singkat.`,
  noContent: (fieldLabel: string) =>
    `${fieldLabel} harus berisi huruf atau angka; emoji, tanda baca, atau karakter tak terlihat saja tidak bisa kami proses. ` +
    "Silakan kirim jawaban Anda dengan kata-kata.",
};

export const attachmentMessages = {
  empty: (allowed: string) => `File yang Anda kirim kosong (0 byte). Silakan kirim ulang file ${allowed}.`,
  wrongType: (detected: string, allowed: string) =>
    `File Anda berformat ${detected}, sedangkan yang diterima hanya ${allowed}. ` +
    `Silakan simpan atau ekspor ulang file menjadi ${allowed}; mengganti nama file saja tidak cukup.`,
  unknownType: (allowed: string) =>
    `Format file Anda tidak dikenali. Yang diterima hanya ${allowed}. Silakan kirim ulang file dalam format ${allowed}.`,
  tooLarge: (size: string, limit: string, tip: string) =>
    `Ukuran file Anda ${size}, melebihi batas ${limit}. ${tip}`,
  shrinkTipImage: () =>
    "Tips: kompres foto dengan aplikasi kompres foto di ponsel atau situs kompresor online tepercaya, atau " +
    "kecilkan resolusinya (misalnya lebar 800 piksel). Untuk hasil pindaian, pindai ulang dalam mode grayscale.",
  shrinkTipPdf: () =>
    "Tips: simpan ulang PDF dengan kualitas lebih kecil (misalnya pilihan ukuran file terkecil saat ekspor), " +
    "pindai ulang dalam mode grayscale dengan resolusi 150 dpi, atau gunakan aplikasi/situs kompres PDF tepercaya. " +
    "Untuk dokumen satu halaman, Anda juga bisa mengirim fotonya (JPG): foto yang terlalu besar kami kecilkan otomatis.",
  /** Joins format names: ["JPG", "PDF"] -> "JPG atau PDF". */
  formatList: (labels: readonly string[]) =>
    labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} atau ${labels.at(-1)}`,
};
