#pragma once
// Registration and permit numbers: per office and year, gap-free and unique under concurrency.
// The counter row is incremented inside the caller's transaction, so a number is used exactly
// when the transaction that took it commits.
#include <string>

namespace sp::store {
class Transaction;
}

namespace sp::service {

enum class NumberKind : std::uint8_t { Registration, Permit };

long long next_number(store::Transaction& tx, const std::string& office, NumberKind kind, int year);

// Fills an office format: {seq}, {seq:04} (zero-padded to 4), {year}, {month}, {roman_month}.
std::string format_number(const std::string& format, long long seq, int year, int month);

}  // namespace sp::service
