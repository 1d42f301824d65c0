// sop/<office>/office.yaml: who the office is, how it numbers, and when it works.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

#include "catalog/definition_parsers.hpp"

namespace sp {

namespace {

bool all_digits(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

void parse_week(const YAML::Node& n, WeeklySchedule& week, YamlFields& f, const char* what) {
  if (!n.IsDefined() || n.IsNull()) return;
  if (!f.expect_map(n, what, {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})) return;
  for (const auto& kv : n) {
    if (!kv.first.IsScalar()) continue;
    auto day = parse_weekday_key(kv.first.Scalar());
    auto text = f.scalar(kv.second, std::string("hours for ") + kv.first.Scalar());
    if (!day || !text) continue;
    auto hours = parse_day_hours(*text);
    if (!hours) f.error(kv.second, hours.error().message);
    else week.days[static_cast<std::size_t>(*day)] = std::move(*hours);
  }
}

void check_number_format(const YAML::Node& numbering, const char* key, const std::string& fmt, YamlFields& f) {
  if (fmt.empty()) return;
  if (fmt.find("{seq") == std::string::npos || fmt.find("{year}") == std::string::npos)
    f.error(numbering, std::string("numbering format '") + key + "' must contain {seq} (or {seq:04}) and {year}");
}

// The letterhead's emblem: a PNG or JPEG file named beside office.yaml, small enough to embed in
// every letter. Returns its path, or "" after reporting what is wrong.
std::string logo_path(const YAML::Node& root, YamlFields& f) {
  const YAML::Node node = f.child(root, "logo", Need::Optional);
  const std::string name = f.text(root, "logo", Need::Optional);
  if (name.empty()) return "";
  namespace fs = std::filesystem;
  const fs::path file = fs::path(f.file()).parent_path() / name;
  std::string ext = fs::path(name).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos || name.starts_with(".")) {
    f.error(node, "'logo' names a file beside office.yaml, without a folder");
    return "";
  }
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) {
    f.error(node, "logo file '" + name + "' is not beside office.yaml");
    return "";
  }
  if (size > 512 * 1024) {
    f.error(node, "logo file '" + name + "' is larger than 512 KiB");
    return "";
  }
  char magic[8] = {};
  std::ifstream in(file, std::ios::binary);
  in.read(magic, sizeof magic);
  const bool png = std::string(magic, 8) == std::string("\x89PNG\r\n\x1a\n", 8);
  const bool jpeg = static_cast<unsigned char>(magic[0]) == 0xFF && static_cast<unsigned char>(magic[1]) == 0xD8;
  if ((ext == ".png" && !png) || ((ext == ".jpg" || ext == ".jpeg") && !jpeg) ||
      (ext != ".png" && ext != ".jpg" && ext != ".jpeg")) {
    f.error(node, "logo file '" + name + "' must be a PNG (.png) or JPEG (.jpg) image");
    return "";
  }
  return fs::absolute(file).string();
}

}  // namespace

std::optional<Office> parse_office(const YAML::Node& root, YamlFields& f) {
  if (!f.expect_map(root, "the office", {"kind", "code", "name", "regency", "seat", "province", "timezone", "letterhead",
                                          "logo", "head", "numbering", "calendar", "escalation", "complaints"}))
    return std::nullopt;
  Office o;
  o.source = f.at(root);
  o.code = f.text(root, "code", Need::Required);
  o.name = f.text(root, "name", Need::Required);
  o.regency = f.text(root, "regency", Need::Required);
  o.seat = f.text(root, "seat", Need::Optional);
  o.province = f.text(root, "province", Need::Optional);
  o.timezone_name = f.text(root, "timezone", Need::Required);
  if (!o.timezone_name.empty()) {
    auto z = parse_zone(o.timezone_name);
    if (z) o.zone = *z;
    else f.error(f.child(root, "timezone", Need::Required), z.error().message);
  }
  o.letterhead = f.text_list(root, "letterhead", Need::Required);
  if (o.letterhead.empty() && f.child(root, "letterhead", Need::Optional).IsDefined())
    f.error(root, "'letterhead' needs at least one line");
  o.logo_path = logo_path(root, f);

  const YAML::Node head = f.child(root, "head", Need::Required);
  if (head.IsDefined() && f.expect_map(head, "'head'", {"title", "name", "rank", "nip"})) {
    o.head.title = f.text(head, "title", Need::Required);
    o.head.name = f.text(head, "name", Need::Required);
    o.head.rank = f.text(head, "rank", Need::Optional);
    o.head.nip = f.text(head, "nip", Need::Required);
    if (!o.head.nip.empty() && (o.head.nip.size() != 18 || !all_digits(o.head.nip)))
      f.error(f.child(head, "nip", Need::Required), "head's NIP must be 18 digits");
  }

  const YAML::Node numbering = f.child(root, "numbering", Need::Required);
  if (numbering.IsDefined() && f.expect_map(numbering, "'numbering'", {"registration", "permit"})) {
    o.numbering.registration = f.text(numbering, "registration", Need::Required);
    o.numbering.permit = f.text(numbering, "permit", Need::Required);
    check_number_format(numbering, "registration", o.numbering.registration, f);
    check_number_format(numbering, "permit", o.numbering.permit, f);
  }

  // Checked against the office's SOPs' roles once every definition is read (Catalog::finish).
  o.escalation = f.text_list(root, "escalation", Need::Optional);
  const YAML::Node chain = f.child(root, "escalation", Need::Optional);
  o.escalation_source = chain.IsDefined() ? f.at(chain) : o.source;
  if (chain.IsDefined() && o.escalation.empty()) f.error(chain, "'escalation' needs at least one role");

  const YAML::Node complaints = f.child(root, "complaints", Need::Optional);
  if (complaints.IsDefined() && !complaints.IsNull() && f.expect_map(complaints, "'complaints'", {"answer_within"})) {
    const std::string within = f.text(complaints, "answer_within", Need::Required);
    if (!within.empty()) {
      auto limit = parse_time_limit(within);
      if (!limit) f.error(f.child(complaints, "answer_within", Need::Required), limit.error().message);
      else if (limit->is_none()) f.error(f.child(complaints, "answer_within", Need::Required), "'answer_within' needs a time");
      else o.complaint_standard = *limit;
    }
  }

  o.working_hours = perpres_21_2023_schedule();
  o.ramadan_hours = ramadan_schedule();
  const YAML::Node cal = f.child(root, "calendar", Need::Optional);
  if (cal.IsDefined() && !cal.IsNull() &&
      f.expect_map(cal, "'calendar'", {"working_hours", "ramadan_hours", "closures"})) {
    parse_week(f.child(cal, "working_hours", Need::Optional), o.working_hours, f, "'working_hours'");
    parse_week(f.child(cal, "ramadan_hours", Need::Optional), o.ramadan_hours, f, "'ramadan_hours'");
    o.closures.closures =
        parse_closures(f.child(cal, "closures", Need::Optional), ClosureKind::OfficeClosure, f, "closures");
  }
  return o;
}

}  // namespace sp
