#include "store/sql/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

bool SqlSurveyRepository::answered(long long application_id) {
  int n = 0;
  s_ << "SELECT COUNT(*) FROM survey_answers WHERE application_id = :a", soci::use(application_id), soci::into(n);
  return n > 0;
}

void SqlSurveyRepository::add(const SurveyAnswerRecord& a) {
  const long long at = a.answered.unix_seconds;
  const auto& u = a.scores;
  s_ << "INSERT INTO survey_answers (application_id, office, permit, answered_at, u1, u2, u3, u4, u5, u6, u7, u8, u9, "
        "comment, gender, age_band, education, occupation) VALUES (:id, :o, :p, :t, :u1, :u2, :u3, :u4, :u5, :u6, :u7, "
        ":u8, :u9, :c, :g, :ab, :e, :oc)",
      soci::use(a.application_id), soci::use(a.office), soci::use(a.permit), soci::use(at), soci::use(u[0]),
      soci::use(u[1]), soci::use(u[2]), soci::use(u[3]), soci::use(u[4]), soci::use(u[5]), soci::use(u[6]),
      soci::use(u[7]), soci::use(u[8]), soci::use(a.comment), soci::use(a.gender), soci::use(a.age_band),
      soci::use(a.education), soci::use(a.occupation);
}

std::vector<SurveyAnswerRecord> SqlSurveyRepository::of_office(const std::string& office, Instant from, Instant to,
                                                               const std::string& permit) {
  const long long f = from.unix_seconds, t = to.unix_seconds;
  soci::rowset<soci::row> rows =
      (s_.prepare << "SELECT application_id, office, permit, answered_at, u1, u2, u3, u4, u5, u6, u7, u8, u9, comment, "
                     "gender, age_band, education, occupation FROM survey_answers WHERE office = :o AND "
                     "answered_at >= :f AND answered_at < :t AND (:p = '' OR permit = :p2) ORDER BY answered_at",
       soci::use(office), soci::use(f), soci::use(t), soci::use(permit), soci::use(permit));
  std::vector<SurveyAnswerRecord> out;
  for (const auto& r : rows) {
    SurveyAnswerRecord a;
    a.application_id = int_at(r, 0);
    a.office = text_at(r, 1);
    a.permit = text_at(r, 2);
    a.answered = Instant{int_at(r, 3)};
    for (std::size_t i = 0; i < a.scores.size(); ++i) a.scores[i] = static_cast<int>(int_at(r, 4 + i));
    a.comment = text_at(r, 13);
    a.gender = text_at(r, 14);
    a.age_band = text_at(r, 15);
    a.education = text_at(r, 16);
    a.occupation = text_at(r, 17);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace sp::store
