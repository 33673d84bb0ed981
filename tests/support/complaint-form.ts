/**
 * The complaint form ("Pengaduan ke instansi") filled by the process-level tests, each step with the reply
 * it must get: applicant `index` (0-7) has a name and a NIK of its own, so its ticket can be told apart.
 */
export function complaintFormSteps(index: number): Array<[string, RegExp]> {
  return [
    ["menu", /pilih jenis masalah/i],
    ["Pengaduan ke instansi", /nama lengkap/],
    [`Pelamar Nomor ${"ABCDEFGH"[index]}`, /<b>NIK<\/b>/],
    [`32010157089500${String(index + 1).padStart(2, "0")}`, /Kartu Keluarga/],
    ["3201011201150003", /tempat lahir/],
    ["Bogor", /tanggal lahir/],
    ["17 Agustus 1995", /nama instansi/],
    ["Kementerian Agama", /isi pengaduan/],
    [`Formasi saya tidak muncul (${index}).`, /periksa kembali/],
    ["kirim", /nomor tiket/],
  ];
}
