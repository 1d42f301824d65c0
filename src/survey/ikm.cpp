#include "survey/ikm.hpp"

namespace sp::survey {

namespace {
constexpr std::array<std::string_view, kUnsurCount> kUnsur{
    "Persyaratan",
    "Sistem, Mekanisme dan Prosedur",
    "Waktu Penyelesaian",
    "Biaya/Tarif",
    "Produk Spesifikasi Jenis Pelayanan",
    "Kompetensi Pelaksana",
    "Perilaku Pelaksana",
    "Penanganan Pengaduan, Saran dan Masukan",
    "Sarana dan Prasarana",
};
constexpr double kWeight = 0.111;
}  // namespace

std::string_view unsur_name(int index) {
  return index >= 0 && index < kUnsurCount ? kUnsur[static_cast<std::size_t>(index)] : std::string_view();
}

bool valid_scores(const Scores& s) {
  for (auto v : s)
    if (v < 1 || v > 4) return false;
  return true;
}

Ikm compute_ikm(const std::vector<Scores>& responses) {
  Ikm out;
  out.respondents = static_cast<int>(responses.size());
  if (responses.empty()) return out;
  std::array<long long, kUnsurCount> totals{};
  long long all = 0;
  for (const auto& r : responses)
    for (std::size_t i = 0; i < totals.size(); ++i) {
      totals[i] += r[i];
      all += r[i];
    }
  const auto n = static_cast<long long>(responses.size());
  for (std::size_t i = 0; i < totals.size(); ++i) {
    out.nrr[i] = static_cast<double>(totals[i]) / static_cast<double>(n);
    out.nrr_weighted[i] = out.nrr[i] * kWeight;
  }
  // IKM = 25 × 0.111 × Σ(total_i / n) = 2.775 × all / n, so IKM × 100 = 555 × all / (2n):
  // exact in integers, rounded half up as a hand computation to two decimals is.
  out.hundredths = (1110 * all + 2 * n) / (4 * n);
  out.grade = grade_of(out.hundredths);
  return out;
}

char grade_of(long long hundredths) {
  if (hundredths >= 8831) return 'A';
  if (hundredths >= 7661) return 'B';
  if (hundredths >= 6500) return 'C';
  return 'D';
}

std::string_view grade_label(char grade) {
  switch (grade) {
    case 'A': return "Sangat Baik";
    case 'B': return "Baik";
    case 'C': return "Kurang Baik";
    case 'D': return "Tidak Baik";
    default: return "";
  }
}

}  // namespace sp::survey
