#include "store/sql/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

namespace {
constexpr long long kPublishingLock = 72618;  // any fixed number no other lock of ours uses
}

void SqlSopVersionRepository::lock_for_publishing() {
  if (const std::string sql = d_.transaction_lock(kPublishingLock); !sql.empty()) s_ << sql;
}

std::optional<std::string> SqlSopVersionRepository::published_sha(const std::string& code, int version) {
  std::string sha;
  s_ << "SELECT sha256 FROM sop_versions WHERE code = :c AND version = :v", soci::use(code), soci::use(version),
      soci::into(sha);
  if (!s_.got_data()) return std::nullopt;
  return sha;
}

void SqlSopVersionRepository::publish(const PublishedSop& sop) {
  // NULL, not 0, for a version that came from a file: no account published it.
  soci::indicator by = sop.published_by ? soci::i_ok : soci::i_null;
  s_ << "INSERT INTO sop_versions (code, version, office, sha256, source, published_at, published_by) "
        "VALUES (:c, :v, :o, :h, :s, :t, :b)",
      soci::use(sop.code), soci::use(sop.version), soci::use(sop.office), soci::use(sop.sha256), soci::use(sop.source),
      soci::use(sop.published.unix_seconds), soci::use(sop.published_by, by);
}

namespace {
constexpr const char* kColumns = "SELECT code, version, office, sha256, source, published_at, COALESCE(published_by, 0) "
                                 "FROM sop_versions";
PublishedSop published_from(const soci::row& r) {
  return {text_at(r, 0), static_cast<int>(int_at(r, 1)), text_at(r, 2), text_at(r, 3), text_at(r, 4),
          Instant{int_at(r, 5)}, int_at(r, 6)};
}
}  // namespace

std::optional<PublishedSop> SqlSopVersionRepository::find(const std::string& code, int version) {
  soci::rowset<soci::row> rows =
      (s_.prepare << std::string(kColumns) + " WHERE code = :c AND version = :v", soci::use(code), soci::use(version));
  for (const auto& r : rows) return published_from(r);
  return std::nullopt;
}

std::vector<PublishedSop> SqlSopVersionRepository::all() {
  std::vector<PublishedSop> out;
  soci::rowset<soci::row> rows = (s_.prepare << kColumns);
  for (const auto& r : rows) out.push_back(published_from(r));
  return out;
}

}  // namespace sp::store
