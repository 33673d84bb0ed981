/**
 * The problem categories: the one list. The database and the admin commands use these ids, and bot/ hands
 * the list to the FAQ router (`loadFaqData({ categoryIds })`), which checks its data against it.
 */
export const CATEGORY_IDS = [
  "nik_kk_tidak_ditemukan",
  "nik_dipakai_orang_lain",
  "data_tidak_sesuai",
  "reset_password",
  "cek_dapodik",
  "cek_eks_thk2",
  "pengaduan_instansi",
  "cek_status",
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];

export function isCategoryId(value: string): value is CategoryId {
  return (CATEGORY_IDS as readonly string[]).includes(value);
}
