#include "store/sql/prepared.hpp"
#include "store/sql/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

namespace {

// An AuditRecord with the indicators SOCI needs for its nullable columns.
struct BoundEvent {
  AuditRecord r;
  long long application_id = 0, actor_id = 0, elapsed = 0;
  int overdue = 0;
  soci::indicator app_ind = soci::i_null, actor_ind = soci::i_null, elapsed_ind = soci::i_null;

  void set(const AuditRecord& e) {
    r = e;
    app_ind = e.application_id ? soci::i_ok : soci::i_null;
    application_id = e.application_id.value_or(0);
    actor_ind = e.actor_id ? soci::i_ok : soci::i_null;
    actor_id = e.actor_id.value_or(0);
    elapsed_ind = e.elapsed_minutes ? soci::i_ok : soci::i_null;
    elapsed = e.elapsed_minutes.value_or(0);
    overdue = e.overdue ? 1 : 0;
  }
  AuditRecord get() const {
    AuditRecord e = r;
    e.application_id = app_ind == soci::i_ok ? std::optional<long long>(application_id) : std::nullopt;
    e.actor_id = actor_ind == soci::i_ok ? std::optional<long long>(actor_id) : std::nullopt;
    e.elapsed_minutes = elapsed_ind == soci::i_ok ? std::optional<long long>(elapsed) : std::nullopt;
    e.overdue = overdue != 0;
    return e;
  }
};

constexpr const char* kInsertEvent =
    "INSERT INTO events (office, seq, application_id, kind, actor_id, role, step, action, note, at, elapsed_minutes, "
    "allowed, overdue, payload, prev_hash, hash) VALUES (:office, :seq, :app, :kind, :actor, :role, :step, :action, "
    ":note, :at, :elapsed, :allowed, :overdue, :payload, :prev, :hash)";

// `sql` with the event bound to its first sixteen placeholders.
soci::details::prepare_temp_type bind_event(soci::session& s, const std::string& sql, BoundEvent& b) {
  soci::details::prepare_temp_type p = (s.prepare << sql);
  AuditRecord& r = b.r;
  p, soci::use(r.office), soci::use(r.seq), soci::use(b.application_id, b.app_ind), soci::use(r.kind),
      soci::use(b.actor_id, b.actor_ind), soci::use(r.role), soci::use(r.step), soci::use(r.action),
      soci::use(r.note), soci::use(r.at), soci::use(b.elapsed, b.elapsed_ind), soci::use(r.allowed),
      soci::use(b.overdue), soci::use(r.payload), soci::use(r.prev_hash), soci::use(r.hash);
  return p;
}

// The statements of an append, prepared once per connection (store/sql/prepared.hpp).
struct AppendStatements {
  BoundEvent e;
  std::string office, prev;
  long long last = 0;
  soci::indicator head_ind = soci::i_null;
  Dialect dialect;
  soci::statement head, insert, update;
  std::optional<soci::statement> insert_and_update;

  explicit AppendStatements(soci::session& s)
      : dialect(Dialect{s.get_backend_name() == "postgresql"}),
        head((s.prepare << std::string("SELECT seq, hash FROM chain_heads WHERE office = :o") + dialect.lock_rows(),
              soci::use(office), soci::into(last, head_ind), soci::into(prev))),
        insert(bind_event(s, kInsertEvent, e)),
        update((s.prepare << "UPDATE chain_heads SET seq = :seq, hash = :hash WHERE office = :o", soci::use(e.r.seq),
                soci::use(e.r.hash), soci::use(office))) {
    // The insert and the head update in one round trip where the backend allows, since every
    // round trip made while holding the office's chain lock delays that office's other writers.
    if (dialect.writes_in_cte())
      insert_and_update.emplace(
          (bind_event(s, std::string("WITH ins AS (") + kInsertEvent +
                             ") UPDATE chain_heads SET seq = :seq2, hash = :hash2 WHERE office = :o",
                      e),
           soci::use(e.r.seq), soci::use(e.r.hash), soci::use(office)));
  }
};

// PostgreSQL: the head locked, the event placed after it and hashed (sha256 of the template
// around the previous hash and the new seq), the head moved: one statement, one round trip, and
// the lock is taken as late as before, at the end of the action's transaction.
struct ChainedAppend {
  BoundEvent e;
  ChainHashTemplate t;
  std::string office;
  long long seq = 0;
  soci::indicator seq_ind = soci::i_null;
  soci::statement st;
  explicit ChainedAppend(soci::session& s)
      : st((s.prepare << "WITH head AS (SELECT seq + 1 AS seq, hash AS prev FROM chain_heads WHERE office = :o FOR UPDATE), "
                         "e AS (SELECT head.seq, head.prev, encode(sha256(convert_to(:a || head.prev || :b || "
                         "head.seq::text || :c, 'UTF8')), 'hex') AS hash FROM head), "
                         "ins AS (INSERT INTO events (office, seq, application_id, kind, actor_id, role, step, action, "
                         "note, at, elapsed_minutes, allowed, overdue, payload, prev_hash, hash) SELECT :office, e.seq, "
                         ":app, :kind, :actor, :role, :step, :action, :note, :at, :elapsed, :allowed, :overdue, "
                         ":payload, e.prev, e.hash FROM e RETURNING seq, hash), "
                         "up AS (UPDATE chain_heads SET seq = ins.seq, hash = ins.hash FROM ins "
                         "WHERE chain_heads.office = :o2) SELECT seq FROM ins",
            soci::use(office), soci::use(t.prefix), soci::use(t.middle), soci::use(t.suffix), soci::use(e.r.office),
            soci::use(e.application_id, e.app_ind), soci::use(e.r.kind), soci::use(e.actor_id, e.actor_ind),
            soci::use(e.r.role), soci::use(e.r.step), soci::use(e.r.action), soci::use(e.r.note), soci::use(e.r.at),
            soci::use(e.elapsed, e.elapsed_ind), soci::use(e.r.allowed), soci::use(e.overdue), soci::use(e.r.payload),
            soci::use(office), soci::into(seq, seq_ind))) {}
};

}  // namespace

std::optional<long long> SqlAuditRepository::append_chained(const AuditRecord& event, const ChainHashTemplate& hash) {
  if (!d_.postgres) return std::nullopt;
  auto& q = prepared<ChainedAppend>(s_);
  q.e.set(event);
  q.t = hash;
  q.office = event.office;
  q.seq_ind = soci::i_null;
  const bool placed = q.st.execute(true);
  if (placed) finish(q.st);
  if (!placed || q.seq_ind != soci::i_ok) return std::nullopt;  // no head yet
  return q.seq;
}

ChainHead SqlAuditRepository::lock_head(const std::string& office, const std::string& genesis) {
  auto& q = prepared<AppendStatements>(s_);
  q.office = office;
  q.head_ind = soci::i_null;
  const bool found = q.head.execute(true);
  if (found) finish(q.head);
  if (found && q.head_ind == soci::i_ok) return ChainHead{office, q.last, q.prev};
  // First event of an office not yet seen: start its chain.
  s_ << "INSERT INTO chain_heads (office, seq, hash) VALUES (:o, 0, :h)", soci::use(office), soci::use(genesis);
  return ChainHead{office, 0, genesis};
}

void SqlAuditRepository::append(const AuditRecord& event) {
  auto& q = prepared<AppendStatements>(s_);
  q.office = event.office;
  q.e.set(event);
  if (q.insert_and_update) {
    q.insert_and_update->execute(true);
  } else {
    q.insert.execute(true);
    q.update.execute(true);
  }
}

void SqlAuditRepository::ensure_heads(const std::vector<std::string>& offices, const std::string& genesis) {
  for (const auto& o : offices)
    s_ << "INSERT INTO chain_heads (office, seq, hash) VALUES (:o, 0, :h) ON CONFLICT (office) DO NOTHING",
        soci::use(o), soci::use(genesis);
}

std::vector<ChainHead> SqlAuditRepository::heads() {
  std::vector<ChainHead> out;
  soci::rowset<soci::row> rows = (s_.prepare << "SELECT office, seq, hash FROM chain_heads ORDER BY office");
  for (const auto& row : rows) out.push_back({text_at(row, 0), int_at(row, 1), text_at(row, 2)});
  return out;
}

void SqlAuditRepository::scan(const std::string& office, const std::function<bool(const AuditRecord&)>& visit) {
  BoundEvent b;
  AuditRecord& r = b.r;
  soci::statement st =
      (s_.prepare << "SELECT office, seq, application_id, kind, actor_id, role, step, action, note, at, "
                     "elapsed_minutes, allowed, overdue, payload, prev_hash, hash FROM events WHERE office = :o "
                     "ORDER BY seq",
       soci::use(office), soci::into(r.office), soci::into(r.seq), soci::into(b.application_id, b.app_ind),
       soci::into(r.kind), soci::into(b.actor_id, b.actor_ind), soci::into(r.role), soci::into(r.step),
       soci::into(r.action), soci::into(r.note), soci::into(r.at), soci::into(b.elapsed, b.elapsed_ind),
       soci::into(r.allowed), soci::into(b.overdue), soci::into(r.payload), soci::into(r.prev_hash),
       soci::into(r.hash));
  st.execute();
  while (st.fetch())
    if (!visit(b.get())) {
      finish(st);
      return;
    }
}

}  // namespace sp::store
