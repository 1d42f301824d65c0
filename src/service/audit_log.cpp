#include "service/audit_log.hpp"

#include <optional>

#include "auth/secrets.hpp"
#include "store/audit_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

// The hashed content: every column but the hash itself, in a fixed JSON form.
std::string canonical(const store::AuditRecord& r) {
  const auto optional = [](const std::optional<long long>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  nlohmann::json j{{"office", r.office},
                   {"seq", r.seq},
                   {"application_id", optional(r.application_id)},
                   {"kind", r.kind},
                   {"actor_id", optional(r.actor_id)},
                   {"role", r.role},
                   {"step", r.step},
                   {"action", r.action},
                   {"note", r.note},
                   {"at", r.at},
                   {"elapsed_minutes", optional(r.elapsed_minutes)},
                   {"allowed", r.allowed},
                   {"overdue", r.overdue ? 1 : 0},
                   {"payload", r.payload},
                   {"prev_hash", r.prev_hash}};
  return j.dump();
}

// The stored record of an event, not yet placed in its chain (no seq, prev_hash or hash).
store::AuditRecord unplaced_record(const AuditEvent& e) {
  store::AuditRecord r;
  r.office = e.office;
  r.application_id = e.application_id;
  r.actor_id = e.actor_id;
  r.elapsed_minutes = e.elapsed_minutes;
  r.kind = e.kind;
  r.role = e.role;
  r.step = e.step;
  r.action = e.action;
  r.note = e.note;
  r.at = e.at.unix_seconds;
  r.allowed = e.allowed;
  r.overdue = e.overdue;
  r.payload = e.payload.dump();
  return r;
}

// The stored record of an event at `seq` following `prev_hash`, with its hash.
store::AuditRecord to_record(const AuditEvent& e, long long seq, const std::string& prev_hash) {
  store::AuditRecord r = unplaced_record(e);
  r.seq = seq;
  r.prev_hash = prev_hash;
  r.hash = auth::sha256_hex(canonical(r));
  return r;
}

}  // namespace

std::string chain_genesis() { return kGenesis; }

std::string chain_hash(const AuditEvent& e, long long seq, const std::string& prev_hash) {
  return to_record(e, seq, prev_hash).hash;
}

void ensure_chain_heads(store::Transaction& tx, const std::vector<std::string>& offices) {
  tx.audit().ensure_heads(offices, kGenesis);
}

namespace {

// An unplaced record's canonical text around its place in the chain (prev_hash, seq), which
// the store fills in where it places the event. The markers cannot occur unescaped elsewhere in the text:
// inside a JSON string every quote is escaped, so `,"prev_hash":"` and `,"seq":` appear once,
// as keys.
std::optional<store::ChainHashTemplate> hash_template(store::AuditRecord r) {
  static constexpr std::string_view kPrev = "<prev>";
  static constexpr long long kSeq = -9'876'543'210'123LL;
  const std::string seq_text = std::to_string(kSeq);
  r.seq = kSeq;
  r.prev_hash = kPrev;
  const std::string text = canonical(r);
  const std::string prev_key = ",\"prev_hash\":\"", seq_key = ",\"seq\":";
  const auto p = text.find(prev_key + std::string(kPrev) + "\"");
  const auto q = text.find(seq_key + seq_text + ",");
  if (p == std::string::npos || q == std::string::npos || q < p) return std::nullopt;
  const std::size_t prev_at = p + prev_key.size(), prev_end = prev_at + kPrev.size();
  const std::size_t seq_at = q + seq_key.size(), seq_end = seq_at + seq_text.size();
  return store::ChainHashTemplate{text.substr(0, prev_at), text.substr(prev_end, seq_at - prev_end),
                                  text.substr(seq_end)};
}

}  // namespace

long long append_event(store::Transaction& tx, const AuditEvent& e) {
  if (tx.audit().can_append_chained()) {
    const store::AuditRecord unplaced = unplaced_record(e);
    if (const auto t = hash_template(unplaced))
      if (const auto seq = tx.audit().append_chained(unplaced, *t)) return *seq;
  }
  const store::ChainHead head = tx.audit().lock_head(e.office, kGenesis);
  const store::AuditRecord r = to_record(e, head.seq + 1, head.hash);
  tx.audit().append(r);
  return r.seq;
}

Result<std::vector<ChainReport>> verify_chains(store::Store& st, const std::optional<std::string>& office) {
  return st.read([&](store::Transaction& tx) -> Result<std::vector<ChainReport>> {
    std::vector<store::ChainHead> heads = tx.audit().heads();
    if (office) std::erase_if(heads, [&](const store::ChainHead& h) { return h.office != *office; });
    if (office && heads.empty()) return make_error("not_found", "no audit chain for office '" + *office + "'");
    std::vector<ChainReport> reports;
    for (const auto& head : heads) {
      ChainReport rep;
      rep.office = head.office;
      std::string prev = kGenesis;
      long long expected = 1;
      tx.audit().scan(head.office, [&](const store::AuditRecord& r) {
        ++rep.events;
        const auto bad = [&](std::string why) {
          if (!rep.ok) return;
          rep.ok = false;
          rep.first_bad_seq = r.seq;
          rep.problem = std::move(why);
        };
        if (r.seq != expected) bad("event " + std::to_string(expected) + " is missing (next is " + std::to_string(r.seq) + ")");
        else if (r.prev_hash != prev) bad("event " + std::to_string(r.seq) + " does not follow the previous event (reordered or replaced)");
        else if (auth::sha256_hex(canonical(r)) != r.hash) bad("event " + std::to_string(r.seq) + " was modified");
        prev = r.hash;
        expected = r.seq + 1;
        return true;
      });
      if (rep.ok && (head.seq != expected - 1 || head.hash != prev)) {
        rep.ok = false;
        rep.first_bad_seq = expected;
        rep.problem = "the chain ends at event " + std::to_string(expected - 1) + " but its head says " +
                      std::to_string(head.seq) + " (events were removed from the end)";
      }
      reports.push_back(rep);
    }
    return reports;
  });
}

}  // namespace sp::service
