// satupintu sop list | show | validate | simulate | export-bpmn | import-bpmn | render
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "catalog/catalog_loader.hpp"
#include "cli/commands.hpp"
#include "cli/data_paths.hpp"
#include "diagrams/bpmn_export.hpp"
#include "diagrams/bpmn_import.hpp"
#include "diagrams/sop_sheet.hpp"
#include "documents/template_library.hpp"
#include "engine/sop_simulation.hpp"

namespace sp::cli {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(pos, end - pos);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    if (!word.empty()) line += (line.empty() ? "" : " ") + word;
    pos = end + 1;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::string target_text(const Sop& sop, const Target& t) {
  switch (t.kind) {
    case Target::Kind::Step: return "langkah " + std::to_string(sop.steps[t.step].number);
    case Target::Kind::ReturnToApplicant: return "kembali ke pemohon (waktu berhenti)";
    case Target::Kind::Finish: return "selesai (izin terbit, atau ditolak bila ada penolakan)";
    case Target::Kind::End: return "selesai: " + std::string(final_outcome_label(t.outcome));
  }
  return "";
}

std::string target_key(const Sop& sop, const Target& t) {
  switch (t.kind) {
    case Target::Kind::Step: return std::to_string(sop.steps[t.step].number);
    case Target::Kind::ReturnToApplicant: return "return";
    case Target::Kind::Finish: return "finish";
    case Target::Kind::End: return std::string(final_outcome_key(t.outcome));
  }
  return "";
}

json sop_summary_json(const Sop& s) {
  return {{"code", s.code}, {"version", s.version}, {"office", s.office}, {"number", s.identity.number},
          {"name", s.identity.name}, {"permit", {{"code", s.permit.code}, {"name", s.permit.name}}},
          {"steps", s.steps.size()}, {"roles", s.roles.size()}};
}

json sop_json(const Sop& s) {
  json j = sop_summary_json(s);
  j["roles"] = json::array();
  for (const auto& r : s.roles) j["roles"].push_back({{"code", r.code}, {"name", r.name}});
  j["requirements"] = json::array();
  for (const auto& r : s.permit.requirements)
    j["requirements"].push_back({{"code", r.code}, {"name", r.name}, {"mandatory", r.mandatory},
                                 {"description", r.description}});
  j["legal_basis"] = {{"as_written", s.permit.legal_basis.as_written}, {"current", s.permit.legal_basis.current}};
  j["validity"] = s.permit.validity;
  j["steps"] = json::array();
  for (const auto& st : s.steps) {
    json outs = json::array();
    for (const auto& o : st.outcomes)
      outs.push_back({{"code", o.code}, {"label", o.label}, {"to", target_key(s, o.target)},
                      {"note_required", o.note_required}, {"produces", o.produces}});
    j["steps"].push_back({{"no", st.number}, {"code", st.code}, {"actor", s.roles[st.actor].code},
                          {"description", st.description}, {"inputs", st.inputs},
                          {"time", format_time_limit(st.time)}, {"output", st.output}, {"decision", st.decision},
                          {"scope", st.scope == StepScope::Account ? "account" : "application"},
                          {"outcomes", outs}});
  }
  return j;
}

void print_sop(const Sop& s, const Office* office) {
  std::cout << fmt::format("SOP {} (versi {}): {}\nNomor SOP: {}\n", s.code, s.version, s.identity.name,
                           s.identity.number);
  if (office) std::cout << fmt::format("Kantor: {} ({})\n", office->name, office->timezone_name);
  std::cout << fmt::format("Izin: {} [{}]; {}; biaya Rp{}\n", s.permit.name, s.permit.code, s.permit.validity,
                           s.permit.fee_rupiah);
  std::cout << "Pelaksana:";
  for (const auto& r : s.roles) std::cout << " [" << r.code << "] " << r.name << ";";
  std::cout << "\n\n" << fmt::format("{:>3}  {:<20} {:<13} {}\n", "No", "Pelaksana", "Waktu", "Uraian kegiatan");
  for (const auto& st : s.steps) {
    const auto lines = wrap(st.description, 64);
    std::string actor = s.roles[st.actor].name;
    if (actor.size() > 20) actor = actor.substr(0, 19) + "~";
    std::cout << fmt::format("{:>3}  {:<20} {:<13} {}\n", st.number, actor, format_time_limit(st.time), lines[0]);
    const std::string pad(40, ' ');
    for (std::size_t i = 1; i < lines.size(); ++i) std::cout << pad << lines[i] << "\n";
    if (!st.inputs.empty()) {
      std::string in;
      for (const auto& x : st.inputs) in += (in.empty() ? "" : "; ") + x;
      for (const auto& l : wrap("Kelengkapan: " + in, 64)) std::cout << pad << l << "\n";
    }
    if (!st.output.empty())
      for (const auto& l : wrap("Output: " + st.output, 64)) std::cout << pad << l << "\n";
    for (const auto& o : st.outcomes)
      std::cout << pad << (st.decision ? "◇ " : "→ ") << o.label << " → " << target_text(s, o.target)
                << (o.note_required ? " [alasan wajib]" : "") << "\n";
    if (st.scope == StepScope::Account) std::cout << pad << "(langkah akun: sekali per pemohon)\n";
  }
}

void cmd_list(GlobalOptions& g) {
  auto loaded = load_valid_catalog(resolve_data_paths(g.sop_dir, g.holidays));
  if (!loaded) return void(g.exit_code = 1);
  if (g.json) {
    json j = json::array();
    for (const auto& s : loaded->catalog.sops()) j.push_back(sop_summary_json(s));
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << fmt::format("{:<24} {:>4}  {:<12} {:<28} {:>5}  {}\n", "KODE", "VER", "KANTOR", "NOMOR SOP", "LANGKAH",
                           "IZIN");
  for (const auto& s : loaded->catalog.sops())
    std::cout << fmt::format("{:<24} {:>4}  {:<12} {:<28} {:>5}    {}\n", s.code, s.version, s.office,
                             s.identity.number, s.steps.size(), s.permit.name);
}

void cmd_show(GlobalOptions& g, const std::string& code) {
  auto loaded = load_valid_catalog(resolve_data_paths(g.sop_dir, g.holidays));
  if (!loaded) return void(g.exit_code = 1);
  const Sop* s = loaded->catalog.sop(code);
  if (!s) {
    std::cerr << "satupintu: no SOP with code '" << code << "' (see `satupintu sop list`)\n";
    g.exit_code = 2;
    return;
  }
  if (g.json) std::cout << sop_json(*s).dump(2) << "\n";
  else print_sop(*s, loaded->catalog.office(s->office));
}

// The document templates that go with a definitions folder laid out as in this repository
// (sop/ beside templates/documents/): the defaults, and the offices' and permits' own files,
// checked against the forms they print. Nothing when the folder has no such sibling.
void check_templates(const std::vector<std::string>& paths, LoadedCatalog& loaded) {
  for (const auto& path : paths) {
    std::error_code ec;
    fs::path dir = fs::absolute(path, ec).lexically_normal();
    if (!fs::is_directory(dir, ec)) continue;
    if (dir.filename().empty()) dir = dir.parent_path();
    const fs::path defaults = dir.parent_path() / "templates" / "documents";
    if (!fs::is_directory(defaults, ec)) continue;
    auto lib = documents::TemplateLibrary::load(defaults.string(), dir.string(), loaded.problems);
    if (loaded.problems.empty()) lib.check_form_fields(loaded.catalog, loaded.problems);
  }
}

void cmd_validate(GlobalOptions& g, const std::vector<std::string>& paths) {
  LoadedCatalog loaded = load_catalog(paths);
  check_templates(paths, loaded);
  if (g.json) {
    json problems = json::array();
    for (const auto& p : loaded.problems)
      problems.push_back({{"file", p.where.file}, {"line", p.where.line}, {"message", p.message}});
    std::cout << json{{"files", loaded.files}, {"problems", problems}, {"ok", loaded.problems.empty()}}.dump(2)
              << "\n";
  } else {
    for (const auto& p : loaded.problems) std::cout << p.to_string() << "\n";
    if (loaded.problems.empty())
      std::cout << fmt::format("ok: {} file(s), {} office(s), {} SOP(s)\n", loaded.files.size(),
                               loaded.catalog.offices().size(), loaded.catalog.sops().size());
    else
      std::cerr << fmt::format("{} problem(s) in {} file(s)\n", loaded.problems.size(), loaded.files.size());
  }
  g.exit_code = loaded.problems.empty() ? 0 : 1;
}

void simulate_one(GlobalOptions& g, const Catalog& catalog, const std::string& code, const std::string& start_text) {
  const Sop* s = catalog.sop(code);
  if (!s) {
    std::cerr << "satupintu: no SOP with code '" << code << "' (see `satupintu sop list`)\n";
    return void(g.exit_code = 2);
  }
  auto start = parse_instant(start_text);
  if (!start) {
    std::cerr << "satupintu: --start: " << start.error().message << "\n";
    return void(g.exit_code = 2);
  }
  const WorkingCalendar& cal = *catalog.calendar(s->office);
  auto sim = simulate_sop(*s, cal, *start);
  if (!sim) {
    std::cerr << "satupintu: " << sim.error().message << "\n";
    return void(g.exit_code = 1);
  }
  const ZoneOffset z = cal.zone();
  if (g.json) {
    json steps = json::array();
    for (const auto& r : sim->steps) {
      const Step& st = s->steps[r.step];
      steps.push_back({{"no", st.number}, {"actor", s->roles[st.actor].code}, {"time", format_time_limit(st.time)},
                       {"start", format_instant(r.start, z)},
                       {"deadline", r.deadline ? json(format_instant(*r.deadline, z)) : json(nullptr)}});
    }
    std::cout << json{{"sop", s->code}, {"start", format_instant(*start, z)}, {"steps", steps},
                      {"finish", format_instant(sim->finish, z)}, {"working_days", sim->working_days},
                      {"calendar_days", sim->calendar_days}}
                     .dump(2)
              << "\n";
    return;
  }
  std::cout << fmt::format("Simulasi {}: {} (setiap langkah memakai seluruh waktunya)\n\n", s->code, s->identity.name);
  std::cout << fmt::format("{:>3}  {:<20} {:<13} {:<30} {}\n", "No", "Pelaksana", "Waktu", "Mulai", "Batas waktu");
  for (const auto& r : sim->steps) {
    const Step& st = s->steps[r.step];
    std::string actor = s->roles[st.actor].name;
    if (actor.size() > 20) actor = actor.substr(0, 19) + "~";
    std::cout << fmt::format("{:>3}  {:<20} {:<13} {:<30} {}\n", st.number, actor, format_time_limit(st.time),
                             format_local_readable(r.start, z),
                             r.deadline ? format_local_readable(*r.deadline, z) : "- (tanpa standar waktu)");
  }
  std::cout << fmt::format("\nSelesai paling lambat: {}\n{} hari kerja, {} hari kalender\n",
                           format_local_readable(sim->finish, z), sim->working_days, sim->calendar_days);
  // Name the closures the SOP ran across, so the reader sees why it took that long.
  const Date first = to_local(*start, z).date, last = to_local(sim->finish, z).date;
  for (auto d = to_day_number(first); d <= to_day_number(last); ++d)
    if (const Closure* c = cal.closure_on(from_day_number(d)))
      std::cout << fmt::format("  libur: {} {} ({})\n", format_date(c->date), c->name, closure_kind_key(c->kind));
}

void cmd_simulate(GlobalOptions& g) {
  auto loaded = load_valid_catalog(resolve_data_paths(g.sop_dir, g.holidays));
  if (!loaded) return void(g.exit_code = 1);
  std::vector<std::string> codes = g.codes;
  if (g.all)
    for (const auto& s : loaded->catalog.sops()) codes.push_back(s.code);
  if (codes.empty()) {
    std::cerr << "satupintu: name an SOP code or give --all\n";
    return void(g.exit_code = 2);
  }
  for (std::size_t i = 0; i < codes.size() && g.exit_code == 0; ++i) {
    if (i > 0 && !g.json) std::cout << "\n";
    simulate_one(g, loaded->catalog, codes[i], g.start);
  }
}

// Writes `bytes` to the -o file, or to standard output when there is none.
void write_output(GlobalOptions& g, const std::string& bytes) {
  if (g.out.empty() || g.out == "-") {
    std::cout << bytes;
    return;
  }
  std::ofstream f(g.out, std::ios::binary | std::ios::trunc);
  f << bytes;
  f.close();
  if (!f) {
    std::cerr << "satupintu: " << g.out << ": cannot write the file\n";
    g.exit_code = 1;
  }
}

// A valid catalogue that has the SOP named by `g.code`; prints why not and sets the exit code
// otherwise.
std::optional<LoadedCatalog> catalog_with_sop(GlobalOptions& g) {
  auto loaded = load_valid_catalog(resolve_data_paths(g.sop_dir, g.holidays));
  if (!loaded) {
    g.exit_code = 1;
    return std::nullopt;
  }
  const Sop* s = loaded->catalog.sop(g.code);
  if (!s) {
    std::cerr << "satupintu: no SOP with code '" << g.code << "' (see `satupintu sop list`)\n";
    g.exit_code = 2;
    return std::nullopt;
  }
  return loaded;
}

// The SOP as BPMN 2.0, to a file or standard output.
void cmd_export_bpmn(GlobalOptions& g) {
  const auto loaded = catalog_with_sop(g);
  if (!loaded) return;
  const Sop* s = loaded->catalog.sop(g.code);
  const Office* office = loaded->catalog.office(s->office);
  auto xml = diagrams::export_bpmn(*s, office ? office->name : s->office);
  if (!xml) {
    std::cerr << "satupintu: " << xml.error().message << "\n";
    return void(g.exit_code = 1);
  }
  write_output(g, *xml);
}

// The SOP as its official sheet, SVG or PDF, to a file or standard output.
void cmd_render(GlobalOptions& g) {
  const auto loaded = catalog_with_sop(g);
  if (!loaded) return;
  const Sop* s = loaded->catalog.sop(g.code);
  diagrams::SheetOptions options;
  options.paper = g.paper == "f4" ? diagrams::Paper::F4 : diagrams::Paper::A4;
  auto bytes = diagrams::render_sop_sheet(*s, loaded->catalog.office(s->office),
                                          g.format == "pdf" ? diagrams::SheetFormat::Pdf : diagrams::SheetFormat::Svg,
                                          options);
  if (!bytes) {
    std::cerr << "satupintu: " << bytes.error().message << "\n";
    return void(g.exit_code = 1);
  }
  write_output(g, *bytes);
}

// A BPMN diagram as an SOP definition for an office, to a YAML file or standard output. The
// office's current definition of the same SOP lends the identity block and the permit.
void cmd_import_bpmn(GlobalOptions& g) {
  auto loaded = load_valid_catalog(resolve_data_paths(g.sop_dir, g.holidays));
  if (!loaded) return void(g.exit_code = 1);
  if (!loaded->catalog.office(g.office)) {
    std::cerr << "satupintu: no office with code '" << g.office << "'\n";
    return void(g.exit_code = 2);
  }
  std::ifstream in(g.code, std::ios::binary);
  std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) {
    std::cerr << g.code << ":0: cannot read the file\n";
    return void(g.exit_code = 1);
  }
  diagrams::BpmnImportOptions options;
  options.office = g.office;
  options.base_for = [&](const std::string& code) {
    const Sop* s = loaded->catalog.sop(code);
    return s && s->office == g.office ? s->source_text : std::string();
  };
  auto yaml = diagrams::import_bpmn(xml, options);
  if (!yaml) {
    std::cerr << g.code << ": " << yaml.error().message << "\n";
    return void(g.exit_code = 1);
  }
  write_output(g, *yaml);
}

}  // namespace

void add_sop_commands(CLI::App& app, GlobalOptions& g) {
  CLI::App* sop = app.add_subcommand("sop", "Office SOP definitions");
  sop->require_subcommand(1);

  CLI::App* list = sop->add_subcommand("list", "List the SOPs");
  list->add_flag("--json", g.json, "Print JSON");
  list->callback([&g] { cmd_list(g); });

  CLI::App* show = sop->add_subcommand("show", "Show an SOP's steps, roles, time limits and outputs");
  show->add_option("CODE", g.code, "SOP code or SOP number")->required();
  show->add_flag("--json", g.json, "Print JSON");
  show->callback([&g] { cmd_show(g, g.code); });

  CLI::App* validate = sop->add_subcommand("validate", "Check definition files; print file:line: reason");
  validate->add_option("PATH", g.paths, "Files or directories")->required();
  validate->add_flag("--json", g.json, "Print JSON");
  validate->callback([&g] { cmd_validate(g, g.paths); });

  CLI::App* bpmn = sop->add_subcommand("export-bpmn", "Write an SOP as BPMN 2.0 (lanes, tasks, gateways, timers, layout)");
  bpmn->add_option("CODE", g.code, "SOP code")->required();
  bpmn->add_option("-o,--output", g.out, "Output file (default: standard output)");
  bpmn->callback([&g] { cmd_export_bpmn(g); });

  CLI::App* import = sop->add_subcommand("import-bpmn", "Read a BPMN 2.0 process as an SOP definition (YAML)");
  import->add_option("FILE", g.code, "BPMN file")->required();
  import->add_option("--office", g.office, "The office the SOP is for")->required();
  import->add_option("-o,--output", g.out, "Output file (default: standard output)");
  import->callback([&g] { cmd_import_bpmn(g); });

  CLI::App* render = sop->add_subcommand("render", "Draw an SOP as its official sheet (Permenpan-RB 35/2012)");
  render->add_option("CODE", g.code, "SOP code")->required();
  render->add_option("--format", g.format, "svg or pdf")->required()->check(CLI::IsMember({"svg", "pdf"}));
  render->add_option("--paper", g.paper, "a4 (default) or f4, both landscape")->check(CLI::IsMember({"a4", "f4"}));
  render->add_option("-o,--output", g.out, "Output file (default: standard output)");
  render->callback([&g] { cmd_render(g); });

  CLI::App* simulate = sop->add_subcommand("simulate", "Every step's start and deadline if each uses its full time");
  simulate->add_option("CODE", g.codes, "SOP codes or SOP numbers");
  simulate->add_flag("--all", g.all, "Simulate every SOP");
  simulate->add_option("--start", g.start, "Start instant, e.g. 2026-03-13T09:00+07:00")->required();
  simulate->add_flag("--json", g.json, "Print JSON");
  simulate->callback([&g] { cmd_simulate(g); });
}

}  // namespace sp::cli
