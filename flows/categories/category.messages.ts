const DUKCAPIL_CHANNELS =
  "HALO DUKCAPIL: telepon 1500537, WhatsApp/SMS 0811-800-5373, email callcenter.dukcapil@gmail.com. " +
  "Kirim dengan format: #NIK #Nama_Lengkap #Nomor_Kartu_Keluarga #Nomor_Telp #Permasalahan.";

/** Titles (menu), introductions and closing advice of each form. */
export const categoryMessages = {
  nik_kk_tidak_ditemukan: {
    title: "NIK/KK tidak ditemukan",
    intro: "Kami bantu laporkan NIK dan Nomor KK yang tidak ditemukan saat membuat akun SSCASN.",
    afterTicket:
      "SSCASN memeriksa data ke Dukcapil pusat. Silakan datangi Dinas Dukcapil kabupaten/kota Anda untuk " +
      `konsolidasi data, atau hubungi ${DUKCAPIL_CHANNELS}`,
  },
  nik_dipakai_orang_lain: {
    title: "NIK didaftarkan orang lain",
    intro:
      "Kami bantu laporkan NIK Anda yang sudah dipakai orang lain. Siapkan swafoto memegang KTP, scan KTP, dan scan KK (JPG/PDF, maks. 200 KB).",
  },
  data_tidak_sesuai: {
    title: "Data tidak sesuai",
    intro: "Kami bantu laporkan data yang tidak sesuai dengan data Dukcapil.",
    afterTicket: `Perbaikan data kependudukan dilakukan di Dinas Dukcapil kabupaten/kota Anda. Anda juga dapat menghubungi ${DUKCAPIL_CHANNELS}`,
  },
  reset_password: {
    title: "Lupa password / jawaban pengaman",
    intro: "Kami bantu permintaan reset password akun SSCASN Anda.",
  },
  cek_dapodik: {
    title: "Pengecekan Dapodik (PPPK Guru)",
    intro:
      "Formulir ini untuk pelamar PPPK Guru yang datanya perlu dicek di Dapodik atau sebagai lulusan passing grade (PG). Siapkan scan KTP dan scan ijazah (JPG/PDF, maks. 200 KB).",
  },
  cek_eks_thk2: {
    title: "Pengecekan eks THK-II",
    intro:
      "Kami bantu pengecekan data eks Tenaga Honorer Kategori II (THK-II), termasuk jika Anda lupa nomor THK-II. Siapkan scan KTP dan scan ijazah (JPG/PDF, maks. 200 KB).",
  },
  pengaduan_instansi: {
    title: "Pengaduan ke instansi",
    intro:
      "Kami teruskan pengaduan Anda kepada instansi. Catatan: sanggah hasil seleksi diajukan lewat akun SSCASN Anda, bukan di sini.",
  },
  cek_status: {
    title: "Cek status tiket",
    intro: "Kami bantu cek status tiket pengaduan Anda.",
  },
} as const;

export const resetPasswordQuestions = {
  remembersFirst: "Apakah Anda masih ingat *pertanyaan pengaman 1* dan jawabannya?",
  firstQuestion: "pertanyaan pengaman 1 yang Anda pilih saat mendaftar",
  firstAnswer: "jawaban pengaman 1",
  remembersSecond: "Apakah Anda masih ingat *pertanyaan pengaman 2* dan jawabannya?",
  secondQuestion: "pertanyaan pengaman 2 yang Anda pilih saat mendaftar",
  secondAnswer: "jawaban pengaman 2",
} as const;
