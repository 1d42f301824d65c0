#include "service/audit_log.hpp"

#include <soci/soci.h>

#include <optional>

#include "auth/secrets.hpp"
#include "store/database.hpp"
#include "store/prepared.hpp"
#include "store/row_access.hpp"

namespace sp::service {

namespace {

constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

struct Row {
  std::string office;
  long long seq = 0;
  long long application_id = 0;
  soci::indicator app_ind = soci::i_null;
  std::string kind;
  long long actor_id = 0;
  soci::indicator actor_ind = soci::i_null;
  std::string role, action, note, allowed, payload, prev_hash, hash;
  int step = 0;
  long long at = 0;
  long long elapsed = 0;
  soci::indicator elapsed_ind = soci::i_null;
  int overdue = 0;
};

// The hashed content: every column but the hash itself, in a fixed JSON form.
std::string canonical(const Row& r) {
  nlohmann::json j{{"office", r.office},
                   {"seq", r.seq},
                   {"application_id", r.app_ind == soci::i_ok ? nlohmann::json(r.application_id) : nullptr},
                   {"kind", r.kind},
                   {"actor_id", r.actor_ind == soci::i_ok ? nlohmann::json(r.actor_id) : nullptr},
                   {"role", r.role},
                   {"step", r.step},
                   {"action", r.action},
                   {"note", r.note},
                   {"at", r.at},
                   {"elapsed_minutes", r.elapsed_ind == soci::i_ok ? nlohmann::json(r.elapsed) : nullptr},
                   {"allowed", r.allowed},
                   {"overdue", r.overdue},
                   {"payload", r.payload},
                   {"prev_hash", r.prev_hash}};
  return j.dump();
}

// The stored row of an event at `seq` following `prev_hash`, hash not yet set.
Row to_row(const AuditEvent& e, long long seq, const std::string& prev_hash) {
  Row r;
  r.office = e.office;
  r.seq = seq;
  r.prev_hash = prev_hash;
  if (e.application_id) r.application_id = *e.application_id, r.app_ind = soci::i_ok;
  if (e.actor_id) r.actor_id = *e.actor_id, r.actor_ind = soci::i_ok;
  if (e.elapsed_minutes) r.elapsed = *e.elapsed_minutes, r.elapsed_ind = soci::i_ok;
  r.kind = e.kind;
  r.role = e.role;
  r.step = e.step;
  r.action = e.action;
  r.note = e.note;
  r.at = e.at.unix_seconds;
  r.allowed = e.allowed;
  r.overdue = e.overdue ? 1 : 0;
  r.payload = e.payload.dump();
  return r;
}

}  // namespace

std::string chain_genesis() { return kGenesis; }

std::string chain_hash(const AuditEvent& e, long long seq, const std::string& prev_hash) {
  return auth::sha256_hex(canonical(to_row(e, seq, prev_hash)));
}

void ensure_chain_heads(soci::session& s, const std::vector<std::string>& offices) {
  for (const auto& o : offices) {
    std::string genesis = kGenesis;
    s << "INSERT INTO chain_heads (office, seq, hash) VALUES (:o, 0, :h) ON CONFLICT (office) DO NOTHING",
        soci::use(o), soci::use(genesis);
  }
}

constexpr const char* kInsertEvent =
    "INSERT INTO events (office, seq, application_id, kind, actor_id, role, step, action, note, at, elapsed_minutes, "
    "allowed, overdue, payload, prev_hash, hash) VALUES (:office, :seq, :app, :kind, :actor, :role, :step, :action, "
    ":note, :at, :elapsed, :allowed, :overdue, :payload, :prev, :hash)";

// `sql` with the event row bound to its first sixteen placeholders.
soci::details::prepare_temp_type bind_event(soci::session& s, const std::string& sql, Row& r) {
  soci::details::prepare_temp_type p = (s.prepare << sql);
  p, soci::use(r.office), soci::use(r.seq), soci::use(r.application_id, r.app_ind), soci::use(r.kind),
      soci::use(r.actor_id, r.actor_ind), soci::use(r.role), soci::use(r.step), soci::use(r.action),
      soci::use(r.note), soci::use(r.at), soci::use(r.elapsed, r.elapsed_ind), soci::use(r.allowed),
      soci::use(r.overdue), soci::use(r.payload), soci::use(r.prev_hash), soci::use(r.hash);
  return p;
}

// The statements of an append, prepared once per connection (store/prepared.hpp).
struct AppendStatements {
  Row r;
  std::string office, prev;
  long long last = 0;
  soci::indicator head_ind = soci::i_null;
  bool postgres;
  soci::statement head, insert, update;
  std::optional<soci::statement> insert_and_update;

  explicit AppendStatements(soci::session& s)
      : postgres(s.get_backend_name() == "postgresql"),
        // PostgreSQL: lock the office's chain head so concurrent appends take turns (SQLite has a
        // single writer already).
        head((s.prepare << (postgres ? "SELECT seq, hash FROM chain_heads WHERE office = :o FOR UPDATE"
                                     : "SELECT seq, hash FROM chain_heads WHERE office = :o"),
              soci::use(office), soci::into(last, head_ind), soci::into(prev))),
        insert(bind_event(s, kInsertEvent, r)),
        update((s.prepare << "UPDATE chain_heads SET seq = :seq, hash = :hash WHERE office = :o", soci::use(r.seq),
                soci::use(r.hash), soci::use(office))) {
    // PostgreSQL: the insert and the head update in one round trip, since every round trip
    // made while holding the office's chain lock delays that office's other writers.
    if (postgres)
      insert_and_update.emplace(
          (bind_event(s, std::string("WITH ins AS (") + kInsertEvent +
                             ") UPDATE chain_heads SET seq = :seq2, hash = :hash2 WHERE office = :o",
                      r),
           soci::use(r.seq), soci::use(r.hash), soci::use(office)));
  }
};

long long append_event(soci::session& s, const AuditEvent& e) {
  auto& q = store::prepared<AppendStatements>(s);
  q.office = e.office;
  q.head_ind = soci::i_null;
  const bool found = q.head.execute(true);
  if (found) store::finish(q.head);
  if (!found || q.head_ind != soci::i_ok) {
    // First event of an office not yet seen: start its chain.
    q.prev = kGenesis;
    q.last = 0;
    s << "INSERT INTO chain_heads (office, seq, hash) VALUES (:o, 0, :h)", soci::use(e.office), soci::use(q.prev);
  }
  Row& r = q.r;
  r = to_row(e, q.last + 1, q.prev);
  r.hash = auth::sha256_hex(canonical(r));
  if (q.postgres) {
    q.insert_and_update->execute(true);
  } else {
    q.insert.execute(true);
    q.update.execute(true);
  }
  return r.seq;
}

Result<std::vector<ChainReport>> verify_chains(store::Database& db, const std::optional<std::string>& office) {
  return db.read([&](soci::session& s) -> Result<std::vector<ChainReport>> {
    std::vector<std::pair<std::string, std::pair<long long, std::string>>> heads;
    {
      soci::rowset<soci::row> rows = (s.prepare << "SELECT office, seq, hash FROM chain_heads ORDER BY office");
      for (const auto& row : rows) {
        const std::string o = row.get<std::string>(0);
        if (office && *office != o) continue;
        heads.push_back({o, {store::int_at(row, 1), row.get<std::string>(2)}});
      }
    }
    if (office && heads.empty()) return make_error("not_found", "no audit chain for office '" + *office + "'");
    std::vector<ChainReport> reports;
    for (const auto& [o, head] : heads) {
      ChainReport rep;
      rep.office = o;
      Row r;
      soci::statement st =
          (s.prepare << "SELECT office, seq, application_id, kind, actor_id, role, step, action, note, at, "
                        "elapsed_minutes, allowed, overdue, payload, prev_hash, hash FROM events WHERE office = :o "
                        "ORDER BY seq",
           soci::use(o), soci::into(r.office), soci::into(r.seq), soci::into(r.application_id, r.app_ind),
           soci::into(r.kind), soci::into(r.actor_id, r.actor_ind), soci::into(r.role), soci::into(r.step),
           soci::into(r.action), soci::into(r.note), soci::into(r.at), soci::into(r.elapsed, r.elapsed_ind),
           soci::into(r.allowed), soci::into(r.overdue), soci::into(r.payload), soci::into(r.prev_hash),
           soci::into(r.hash));
      st.execute();
      std::string prev = kGenesis;
      long long expected = 1;
      while (st.fetch()) {
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
      }
      if (rep.ok && (head.first != expected - 1 || head.second != prev)) {
        rep.ok = false;
        rep.first_bad_seq = expected;
        rep.problem = "the chain ends at event " + std::to_string(expected - 1) + " but its head says " +
                      std::to_string(head.first) + " (events were removed from the end)";
      }
      reports.push_back(rep);
    }
    return reports;
  });
}

}  // namespace sp::service
