#pragma once
// What an office declares about itself: identity, letterhead, head of office, numbering formats
// and its working-time calendar (hours per weekday, Ramadan hours, its own closures).
#include <string>
#include <vector>

#include "calendar/holiday_set.hpp"
#include "calendar/weekly_schedule.hpp"
#include "catalog/source_location.hpp"
#include "catalog/time_limit.hpp"
#include "core/instant.hpp"

namespace sp {

struct Official {
  std::string title;  // "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"
  std::string name;
  std::string rank;   // pangkat/golongan, e.g. "Pembina Utama Muda"; may be empty
  std::string nip;    // 18-digit civil servant number
};

// Number formats with placeholders {seq}, {seq:04} (zero-padded), {year}, {month} ({roman_month}).
struct NumberingFormats {
  std::string registration;  // e.g. "{seq:04}/REG/DPMPTSP/{year}"
  std::string permit;        // e.g. "503/{seq:04}/DPMPTSP/{year}"
};

struct Office {
  std::string code;     // stable key, e.g. "purwakarta"
  std::string name;     // full name of the DPMPTSP
  std::string regency;  // "Kabupaten Purwakarta"
  std::string seat;     // the town letters are signed in ("Bangkinang" for Kabupaten Kampar); may be empty
  std::string province;
  std::string timezone_name;  // as written ("WIB", "Asia/Jakarta")
  ZoneOffset zone;
  std::vector<std::string> letterhead;
  std::string logo_path;  // the regency's emblem for the letterhead (PNG or JPEG beside office.yaml); empty: none
  Official head;
  NumberingFormats numbering;
  WeeklySchedule working_hours;
  WeeklySchedule ramadan_hours;
  HolidaySet closures;  // the office's own extra closures
  // Who hears of an overdue step, lowest first (catalog/escalation_chain.hpp): a step held by a
  // role in the chain goes to the next one up; any other office role goes to the first. Empty
  // in the file: Kasi, then Kabid, then Kepala, as far as the office's SOPs have those roles.
  std::vector<std::string> escalation;
  SourceLocation escalation_source;  // where `escalation` was written; the office's own line if not
  // How long the office takes to answer a complaint (office.yaml `complaints: {answer_within}`),
  // counted on its working calendar.
  TimeLimit complaint_standard{TimeLimit::Unit::WorkingDays, 5};
  SourceLocation source;
};

}  // namespace sp
