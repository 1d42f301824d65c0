#include "survey/respondent.hpp"

namespace sp::survey {

const std::vector<ProfileQuestion>& profile_questions() {
  static const std::vector<ProfileQuestion> questions{
      {"gender", "Jenis kelamin", {{"laki_laki", "Laki-laki"}, {"perempuan", "Perempuan"}}},
      {"age_band",
       "Umur",
       {{"di_bawah_20", "Di bawah 20 tahun"},
        {"20_29", "20–29 tahun"},
        {"30_39", "30–39 tahun"},
        {"40_49", "40–49 tahun"},
        {"50_59", "50–59 tahun"},
        {"60_ke_atas", "60 tahun ke atas"}}},
      {"education",
       "Pendidikan",
       {{"sd", "SD ke bawah"},
        {"smp", "SMP"},
        {"sma", "SMA/SMK"},
        {"diploma", "D1–D3"},
        {"s1", "D4/S1"},
        {"s2_ke_atas", "S2 ke atas"}}},
      {"occupation",
       "Pekerjaan",
       {{"pns", "PNS"},
        {"tni_polri", "TNI/Polri"},
        {"swasta", "Pegawai swasta"},
        {"wirausaha", "Wirausaha"},
        {"tenaga_kesehatan", "Tenaga kesehatan"},
        {"pelajar_mahasiswa", "Pelajar/Mahasiswa"},
        {"lainnya", "Lainnya"}}},
  };
  return questions;
}

const ProfileQuestion* profile_question(std::string_view key) {
  for (const auto& q : profile_questions())
    if (q.key == key) return &q;
  return nullptr;
}

bool is_option(const ProfileQuestion& q, std::string_view code) {
  for (const auto& o : q.options)
    if (o.code == code) return true;
  return false;
}

}  // namespace sp::survey
