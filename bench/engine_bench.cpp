// Engine and calendar throughput on one core: transitions/s (every transition computes the next
// step's deadline from the working calendar) and deadline computations/s.
// Targets (issue: foundation): >= 1,000,000 of each per second. Also an SOP's BPMN export and its
// official sheet.
#include <benchmark/benchmark.h>

#include <stdexcept>

#include "catalog/catalog_loader.hpp"
#include "diagrams/bpmn_export.hpp"
#include "diagrams/sop_sheet.hpp"
#include "engine/engine.hpp"

namespace sp {
namespace {

const LoadedCatalog& catalog() {
  static const LoadedCatalog c = [] {
    auto loaded = load_catalog({std::string(SATUPINTU_SOURCE_DIR) + "/calendar/id-holidays.yaml",
                                std::string(SATUPINTU_SOURCE_DIR) + "/sop"});
    if (!loaded.problems.empty()) throw std::runtime_error(loaded.problems.front().to_string());
    return loaded;
  }();
  return c;
}

// One full Purwakarta lifecycle, happy path: 8 transitions after creation.
void BM_PurwakartaLifecycleTransitions(benchmark::State& state) {
  const Sop& sop = *catalog().catalog.sop("pwk-iptk");
  const WorkingCalendar& cal = *catalog().catalog.calendar("purwakarta");
  const Instant t0 = *parse_instant("2026-11-23T08:00+07:00");
  std::int64_t transitions = 0, n = 0;
  for (auto _ : state) {
    ApplicationState s;
    Instant t{t0.unix_seconds + (n++ % 5000) * 613};  // vary the start across weeks and holidays
    auto created = start_application(sop, cal, UserId{1}, t, s);
    benchmark::DoNotOptimize(created);
    while (s.phase != Phase::Closed) {
      t.unix_seconds += 1800;
      const Step& step = sop.steps[s.step];
      Command c{Command::Kind::Act, 0, UserId{2}, step.actor, t, {}};
      auto e = apply(sop, cal, s, std::move(c));
      if (!e) {
        state.SkipWithError(e.error().message.c_str());
        return;
      }
      benchmark::DoNotOptimize(e);
      ++transitions;
    }
  }
  state.counters["transitions/s"] = benchmark::Counter(static_cast<double>(transitions), benchmark::Counter::kIsRate);
  state.SetItemsProcessed(transitions);
}
BENCHMARK(BM_PurwakartaLifecycleTransitions);

template <class Duration>
void deadline_bench(benchmark::State& state, Duration d) {
  const WorkingCalendar& cal = *catalog().catalog.calendar("purwakarta");
  const std::int64_t t0 = parse_instant("2024-01-01T00:00+07:00")->unix_seconds;
  std::int64_t i = 0;
  for (auto _ : state) {
    // Walk starts over three years in 7-minute strides: weekdays, nights, holidays, Ramadan.
    auto r = cal.add(Instant{t0 + (i++ % 230000) * 420}, d);
    benchmark::DoNotOptimize(r);
  }
  state.counters["deadlines/s"] = benchmark::Counter(static_cast<double>(i), benchmark::Counter::kIsRate);
  state.SetItemsProcessed(i);
}

void BM_DeadlineWorkingMinutes(benchmark::State& state) { deadline_bench(state, WorkingMinutes{60}); }
void BM_DeadlineWorkingDays(benchmark::State& state) { deadline_bench(state, WorkingDays{7}); }
BENCHMARK(BM_DeadlineWorkingMinutes);
BENCHMARK(BM_DeadlineWorkingDays);

void BM_ElapsedWorkingTime(benchmark::State& state) {
  const WorkingCalendar& cal = *catalog().catalog.calendar("purwakarta");
  const std::int64_t t0 = parse_instant("2024-01-01T00:00+07:00")->unix_seconds;
  std::int64_t i = 0;
  for (auto _ : state) {
    const Instant a{t0 + (i % 230000) * 420};
    auto r = cal.elapsed(a, Instant{a.unix_seconds + 86400 * 9});
    benchmark::DoNotOptimize(r);
    ++i;
  }
  state.SetItemsProcessed(i);
}
BENCHMARK(BM_ElapsedWorkingTime);

void BM_BuildOfficeCalendar(benchmark::State& state) {
  const Office& o = *catalog().catalog.office("purwakarta");
  for (auto _ : state) {
    CalendarSpec spec;
    spec.holidays = catalog().catalog.national_holidays();
    spec.normal = o.working_hours;
    WorkingCalendar cal(spec);
    benchmark::DoNotOptimize(cal);
  }
}
BENCHMARK(BM_BuildOfficeCalendar)->Unit(benchmark::kMillisecond);

// An SOP as BPMN 2.0 with its diagram: Purwakarta's 10 steps and 7 roles. Target (issue 17):
// under 5 ms.
void BM_ExportBpmn(benchmark::State& state) {
  const Sop& sop = *catalog().catalog.sop("pwk-iptk");
  for (auto _ : state) benchmark::DoNotOptimize(diagrams::export_bpmn(sop, "DPMPTSP Kabupaten Purwakarta"));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ExportBpmn)->Unit(benchmark::kMicrosecond);

// The same SOP as its official sheet (three landscape A4 pages: layout, then the writer).
// Target (issue 17): a PDF in under 50 ms.
void BM_RenderSopSheet(benchmark::State& state) {
  const auto& c = catalog().catalog;
  const Sop& sop = *c.sop("pwk-iptk");
  const auto format = state.range(0) ? diagrams::SheetFormat::Pdf : diagrams::SheetFormat::Svg;
  for (auto _ : state) {
    auto bytes = diagrams::render_sop_sheet(sop, c.office(sop.office), format);
    if (!bytes) throw std::runtime_error(bytes.error().message);
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(state.range(0) ? "pdf" : "svg");
}
BENCHMARK(BM_RenderSopSheet)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sp

BENCHMARK_MAIN();
