#pragma once
// The storage seam: services reach the database only through a Store and the repositories of a
// Transaction (store/transaction.hpp). `sql_store.hpp` is the implementation over SQLite and
// PostgreSQL; tests use in-memory fakes (tests/service/memory_store.hpp).
#include <optional>
#include <utility>

#include "core/result.hpp"
#include "store/transaction.hpp"

namespace sp::store {

// A non-owning reference to a callable, so that the virtual entry points below take any lambda
// without allocating.
template <class Sig>
class FunctionRef;
template <class R, class... A>
class FunctionRef<R(A...)> {
 public:
  template <class F>
  FunctionRef(F& f) : obj_(&f), call_([](void* o, A... a) -> R { return (*static_cast<F*>(o))(std::forward<A>(a)...); }) {}
  R operator()(A... a) const { return call_(obj_, std::forward<A>(a)...); }

 private:
  void* obj_;
  R (*call_)(void*, A...);
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `fn(tx)`, which returns a Result, in one write transaction. Its writes are kept when the
  // Result is ok and undone when it is an error or `fn` throws; a database failure becomes an
  // Error (logged, worded for the user). Returns after COMMIT: an ok result is durable.
  // `fn` must not touch state outside the store that a rollback would leave behind, and may run
  // more than once (a group commit runs its writes again when one of them failed): it starts
  // from its captured inputs each time, never from what an earlier run left in them.
  template <class F>
  auto write(F&& fn) -> decltype(fn(std::declval<Transaction&>())) {
    return run<true>(std::forward<F>(fn));
  }
  // Runs `fn(tx)` on one consistent snapshot; nothing it does is written.
  template <class F>
  auto read(F&& fn) -> decltype(fn(std::declval<Transaction&>())) {
    return run<false>(std::forward<F>(fn));
  }

 protected:
  // `body` returns false to roll back; `fail` replaces the result with an error.
  virtual void run_write(FunctionRef<bool(Transaction&)> body, FunctionRef<void(const Error&)> fail) = 0;
  virtual void run_read(FunctionRef<bool(Transaction&)> body, FunctionRef<void(const Error&)> fail) = 0;

 private:
  template <bool Write, class F>
  auto run(F&& fn) -> decltype(fn(std::declval<Transaction&>())) {
    using R = decltype(fn(std::declval<Transaction&>()));
    std::optional<R> result;
    auto body = [&](Transaction& tx) {
      result.emplace(fn(tx));
      return result->ok();
    };
    auto fail = [&](const Error& e) { result.emplace(e); };
    if constexpr (Write) run_write(body, fail);
    else run_read(body, fail);
    if (!result) return R(make_error("internal", "the store ran nothing"));
    return std::move(*result);
  }
};

}  // namespace sp::store
