#pragma once
// Who hears of an overdue step (office.yaml's `escalation`): the office's chain of roles, lowest
// first. Pure rules; service/escalations.hpp acts on them.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace sp {

// Kasi, then Kabid, then the head of office, as the Purwakarta sheets sign in that order.
inline constexpr std::array<const char*, 3> kDefaultEscalation{"kasi", "kabid", "kepala_dinas"};

// The role told when a step held by `role` passes its deadline: the next one up the chain for a
// role in it, the chain's first for any other office role, and none for the chain's top (its
// overdue files reach it in the daily digest).
inline std::optional<std::string> next_role_up(const std::vector<std::string>& chain, const std::string& role) {
  if (chain.empty()) return std::nullopt;
  const auto it = std::find(chain.begin(), chain.end(), role);
  if (it == chain.end()) return chain.front();
  if (it + 1 == chain.end()) return std::nullopt;
  return *(it + 1);
}

}  // namespace sp
