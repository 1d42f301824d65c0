#pragma once
// Errors as values at boundaries: an expected failure is a Result holding an Error whose
// message a user can act on ("NIK must be 16 digits"), never an exception.
#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace sp {

// One field's problem in submitted data: where ("data.other_sips[1].number"), the rule broken as
// a stable code ("required", "invalid_phone"), and the rule in words.
struct FieldProblem {
  std::string field;
  std::string rule;
  std::string message;
  std::optional<long long> min{}, max{};  // the limits the rule names, for a client to say them
};

struct Error {
  std::string message;
  std::string code;  // stable machine-readable kind, e.g. "not_your_step"; may be empty
  long long retry_after_seconds = 0;  // for refusals that end by themselves (throttling), else 0
  std::vector<FieldProblem> fields{};  // every field found wrong, when a whole form was checked
  std::vector<std::string> items{};    // what a refusal lists by code, e.g. the requirements missing
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

inline Error make_error(std::string message) { return Error{std::move(message), {}}; }
inline Error make_error(std::string code, std::string message) { return Error{std::move(message), std::move(code)}; }

// One field wrong outside a checked form ("at", "in_past"): it carries its rule as a stable code
// like a form check does, so a client says it in its own language beside the field.
inline Error field_error(std::string field, std::string rule, std::string message,
                         std::optional<long long> min = {}, std::optional<long long> max = {}) {
  Error e = make_error("invalid_field", field + ": " + message);
  e.fields.push_back(FieldProblem{std::move(field), std::move(rule), std::move(message), min, max});
  return e;
}

}  // namespace sp
