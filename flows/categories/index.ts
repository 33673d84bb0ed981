import type { FormMachine } from "../form/form.machine.ts";
import type { FormDefinition } from "../form/form-definition.ts";
import type { CategoryId } from "./category-ids.ts";
import { cekDapodikForm, cekDapodikMachine } from "./cek-dapodik.machine.ts";
import { cekEksThk2Form, cekEksThk2Machine } from "./cek-eks-thk2.machine.ts";
import { cekStatusForm, cekStatusMachine } from "./cek-status.machine.ts";
import { dataTidakSesuaiForm, dataTidakSesuaiMachine } from "./data-tidak-sesuai.machine.ts";
import { nikDipakaiOrangLainForm, nikDipakaiOrangLainMachine } from "./nik-dipakai-orang-lain.machine.ts";
import { nikKkTidakDitemukanForm, nikKkTidakDitemukanMachine } from "./nik-kk-tidak-ditemukan.machine.ts";
import { pengaduanInstansiForm, pengaduanInstansiMachine } from "./pengaduan-instansi.machine.ts";
import { resetPasswordForm, resetPasswordMachine } from "./reset-password.machine.ts";

export interface Category {
  form: FormDefinition;
  machine: FormMachine;
}

/** Every category in menu order; adding one means a machine file and a line here. */
export const CATEGORIES: Readonly<Record<CategoryId, Category>> = {
  nik_kk_tidak_ditemukan: { form: nikKkTidakDitemukanForm, machine: nikKkTidakDitemukanMachine },
  nik_dipakai_orang_lain: { form: nikDipakaiOrangLainForm, machine: nikDipakaiOrangLainMachine },
  data_tidak_sesuai: { form: dataTidakSesuaiForm, machine: dataTidakSesuaiMachine },
  reset_password: { form: resetPasswordForm, machine: resetPasswordMachine },
  cek_dapodik: { form: cekDapodikForm, machine: cekDapodikMachine },
  cek_eks_thk2: { form: cekEksThk2Form, machine: cekEksThk2Machine },
  pengaduan_instansi: { form: pengaduanInstansiForm, machine: pengaduanInstansiMachine },
  cek_status: { form: cekStatusForm, machine: cekStatusMachine },
};

export { CATEGORY_IDS, type CategoryId, isCategoryId } from "./category-ids.ts";
