#pragma once
// Escalation: when a file's step passes its deadline, the next role up the office's chain
// (office.yaml `escalation`, catalog/escalation_chain.hpp) is told once, by e-mail and in the web
// app, and the file's history records it; each working day, once the office opens, the head of
// office (the chain's top) gets a digest of every overdue file.
//
// "Once" is kept by the database, not by this process: a step visit's escalation and a day's
// digest are recorded under a unique key in the transaction that queues their mail and notices,
// so after a restart, or with several servers on one PostgreSQL, whoever records it second
// records nothing and sends nothing.
#include "core/result.hpp"
#include "service/app_context.hpp"

namespace sp::service {

// At most this many files are escalated per office and round, so a server started on a backlog
// (a restored database, a long weekend) spreads the mail over a few rounds instead of one burst.
inline constexpr int kEscalationsPerRound = 200;
// The digest lists this many files, longest overdue first, and gives the total.
inline constexpr int kDigestListed = 50;

struct EscalationRound {
  int escalated = 0;  // step visits recorded this round
  int notified = 0;   // accounts told of them
  int digests = 0;    // offices whose digest went out
};

// One round over every office at the clock's now. Safe to run from several servers at once.
Result<EscalationRound> escalate_overdue(AppContext& ctx);

}  // namespace sp::service
