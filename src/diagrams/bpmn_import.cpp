#include "diagrams/bpmn_import.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "diagrams/bpmn_export.hpp"

namespace sp::diagrams {

namespace {

constexpr const char* kBpmnModel = "http://www.omg.org/spec/BPMN/20100524/MODEL";
constexpr std::size_t kMaxElements = 5000;  // an SOP has tens; a bound for hostile files

bool is_element(xmlNodePtr n) { return n && n->type == XML_ELEMENT_NODE; }
bool in_ns(xmlNodePtr n, const char* ns) {
  return is_element(n) && n->ns && n->ns->href && std::strcmp(reinterpret_cast<const char*>(n->ns->href), ns) == 0;
}
std::string name_of(xmlNodePtr n) { return reinterpret_cast<const char*>(n->name); }
bool is(xmlNodePtr n, const char* local) { return in_ns(n, kBpmnModel) && name_of(n) == local; }

std::string attr(xmlNodePtr n, const char* name) {
  xmlChar* v = xmlGetProp(n, BAD_CAST name);
  std::string s = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return s;
}
bool has_attr(xmlNodePtr n, const char* name) { return xmlHasProp(n, BAD_CAST name) != nullptr; }

std::string content(xmlNodePtr n) {
  xmlChar* v = xmlNodeGetContent(n);
  std::string s = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  // Modelers indent and wrap text: keep its words, one space between.
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ', space = false;
    out += c;
  }
  return out;
}

std::vector<xmlNodePtr> children(xmlNodePtr n) {
  std::vector<xmlNodePtr> out;
  for (xmlNodePtr c = n ? n->children : nullptr; c; c = c->next)
    if (is_element(c)) out.push_back(c);
  return out;
}

// satupintu's extension element `local` under `n`'s extensionElements, if any.
xmlNodePtr extension(xmlNodePtr n, const char* local) {
  for (xmlNodePtr e : children(n))
    if (is(e, "extensionElements"))
      for (xmlNodePtr x : children(e))
        if (in_ns(x, kBpmnExtensionNamespace) && name_of(x) == local) return x;
  return nullptr;
}

std::string documentation(xmlNodePtr n) {
  for (xmlNodePtr c : children(n))
    if (is(c, "documentation")) return content(c);
  return "";
}

// A code from a name: "Berkas lengkap" -> "berkas_lengkap".
std::string slug(const std::string& s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out += static_cast<char>(std::tolower(u));
    else if (!out.empty() && out.back() != '_') out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.substr(0, 40);
}

// At most `bytes` bytes of `s`, never ending inside a character (a title's limit).
std::string utf8_prefix(const std::string& s, std::size_t bytes) {
  if (s.size() <= bytes) return s;
  while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) --bytes;
  return s.substr(0, bytes);
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < s.size()) {
    const auto sp = s.find(' ', at);
    const auto end = sp == std::string::npos ? s.size() : sp;
    if (end > at) out.push_back(s.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

struct Flow {
  std::string id, source, target, name;
  xmlNodePtr el = nullptr;
};

class Importer {
 public:
  explicit Importer(const BpmnImportOptions& options) : options_(options) {}

  Result<std::string> run(std::string_view xml) {
    if (xml.size() > 16 * 1024 * 1024) return make_error("the BPMN file is over 16 MB");
    // No network, no entity expansion (the default), no DTD loading.
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
        xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "process.bpmn", nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
        &xmlFreeDoc);
    if (!doc) {
      const xmlError* e = xmlGetLastError();
      return make_error("not well-formed XML" + (e && e->message ? std::string(": ") + content_line(e) : std::string()));
    }
    xmlNodePtr root = xmlDocGetRootElement(doc.get());
    if (!is(root, "definitions")) return make_error("not BPMN 2.0: the root element is not bpmn:definitions");
    xmlNodePtr process = nullptr;
    for (xmlNodePtr c : children(root)) {
      if (!is(c, "process")) continue;
      const auto kids = children(c);
      const bool has_tasks = std::any_of(kids.begin(), kids.end(), [](xmlNodePtr k) {
        return is(k, "userTask") || is(k, "task") || is(k, "manualTask");
      });
      if (!has_tasks) continue;
      if (process) return make_error("process " + attr(c, "id") + ": an SOP is one process, and " + attr(process, "id") +
                                     " is already one");
      process = c;
    }
    if (!process) return make_error("no process with tasks in the file");
    if (auto ok = collect(process); !ok) return ok.error();
    if (auto ok = order(); !ok) return ok.error();
    return emit(process);
  }

 private:
  static std::string content_line(const xmlError* e) {
    std::string m = e->message;
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return "line " + std::to_string(e->line) + ": " + m;
  }

  Result<bool> collect(xmlNodePtr process) {
    std::size_t count = 0;
    for (xmlNodePtr c : children(process)) {
      if (++count > kMaxElements) return make_error("the process has over " + std::to_string(kMaxElements) + " elements");
      const std::string id = attr(c, "id");
      if (!in_ns(c, kBpmnModel)) continue;  // another vendor's extension: not ours to read
      const std::string kind = name_of(c);
      if (!id.empty() && nodes_.count(id)) return make_error(kind + " " + id + ": another element has the same id");
      if (kind == "laneSet") {
        if (auto ok = lanes(c); !ok) return ok;
      } else if (kind == "userTask" || kind == "task" || kind == "manualTask") {
        tasks_.push_back(c);
        nodes_[id] = c;
      } else if (kind == "startEvent") {
        for (xmlNodePtr d : children(c))
          if (name_of(d).find("EventDefinition") != std::string::npos)
            return make_error("startEvent " + id + ": a start with a trigger (" + name_of(d) +
                              ") is not supported; an SOP starts when the applicant acts");
        if (!start_.empty()) return make_error("startEvent " + id + ": an SOP has one start, and " + start_ + " is one");
        start_ = id;
        nodes_[id] = c;
      } else if (kind == "exclusiveGateway" || kind == "endEvent") {
        nodes_[id] = c;
      } else if (kind == "boundaryEvent") {
        const auto defs = children(c);
        if (std::none_of(defs.begin(), defs.end(), [](xmlNodePtr d) { return is(d, "timerEventDefinition"); }))
          return make_error("boundaryEvent " + id + ": only a timer (the step's time standard) is supported on a task");
        timers_[attr(c, "attachedToRef")] = c;
      } else if (kind == "sequenceFlow") {
        flows_.push_back({id, attr(c, "sourceRef"), attr(c, "targetRef"), attr(c, "name"), c});
      } else if (kind != "documentation" && kind != "extensionElements" && kind != "textAnnotation" &&
                 kind != "association") {
        return make_error(kind + " " + id + " is not supported in an SOP (it has lanes, user tasks, exclusive gateways, "
                                            "timers on tasks, start and end events, and sequence flows)");
      }
    }
    if (start_.empty()) return make_error("the process has no startEvent");
    for (const Flow& f : flows_)
      for (const std::string* end : {&f.source, &f.target})
        if (!nodes_.count(*end)) return make_error("sequenceFlow " + f.id + ": " + *end + " is not an element it can join");
    for (const auto& [task, timer] : timers_)
      if (!nodes_.count(task) || !(is(nodes_[task], "userTask") || is(nodes_[task], "task") || is(nodes_[task], "manualTask")))
        return make_error("boundaryEvent " + attr(timer, "id") + ": attached to " + task + ", which is not a task");
    return true;
  }

  Result<bool> lanes(xmlNodePtr set) {
    for (xmlNodePtr lane : children(set)) {
      if (!is(lane, "lane")) continue;
      const std::string id = attr(lane, "id");
      for (xmlNodePtr c : children(lane))
        if (is(c, "childLaneSet") && !children(c).empty())
          return make_error("lane " + id + ": lanes inside lanes are not supported; draw one lane per role");
      std::string code, name = attr(lane, "name");
      bool applicant = false;
      if (xmlNodePtr role = extension(lane, "role")) code = attr(role, "code"), applicant = attr(role, "applicant") == "true";
      if (code.empty()) code = slug(name);
      if (code.empty()) return make_error("lane " + id + ": a lane needs a name (the role)");
      if (name.empty()) name = code;
      roles_.push_back({code, name, applicant});
      for (xmlNodePtr ref : children(lane))
        if (is(ref, "flowNodeRef")) lane_of_[content(ref)] = code;
    }
    return true;
  }

  std::vector<const Flow*> outgoing(const std::string& id) const {
    std::vector<const Flow*> out;
    for (const Flow& f : flows_)
      if (f.source == id) out.push_back(&f);
    return out;
  }
  std::size_t incoming(const std::string& id) const {
    return static_cast<std::size_t>(std::count_if(flows_.begin(), flows_.end(), [&](const Flow& f) { return f.target == id; }));
  }
  bool is_task(const std::string& id) const {
    auto it = nodes_.find(id);
    return it != nodes_.end() && (is(it->second, "userTask") || is(it->second, "task") || is(it->second, "manualTask"));
  }

  // Step numbers: those the export wrote, else the order a walk from the start meets the tasks.
  Result<bool> order() {
    const bool numbered = std::all_of(tasks_.begin(), tasks_.end(), [](xmlNodePtr t) {
      xmlNodePtr s = extension(t, "step");
      return s && has_attr(s, "number");
    });
    if (numbered) {
      for (xmlNodePtr t : tasks_) {
        const std::string n = attr(extension(t, "step"), "number");
        const int number = std::atoi(n.c_str());
        if (number < 1 || number > 999) return make_error("userTask " + attr(t, "id") + ": step number '" + n + "' is not 1 to 999");
        for (const auto& [id, other] : number_of_)
          if (other == number) return make_error("userTask " + attr(t, "id") + ": step number " + n + " is also " + id + "'s");
        number_of_[attr(t, "id")] = number;
      }
    } else {
      std::deque<std::string> queue{start_};
      std::set<std::string> seen{start_};
      int next = 1;
      while (!queue.empty()) {
        const std::string id = queue.front();
        queue.pop_front();
        if (is_task(id)) number_of_[id] = next++;
        for (const Flow* f : outgoing(id))
          if (seen.insert(f->target).second) queue.push_back(f->target);
      }
    }
    for (xmlNodePtr t : tasks_)
      if (!number_of_.count(attr(t, "id")))
        return make_error("userTask " + attr(t, "id") + " cannot be reached from the start event");
    std::sort(tasks_.begin(), tasks_.end(),
              [&](xmlNodePtr a, xmlNodePtr b) { return number_of_[attr(a, "id")] < number_of_[attr(b, "id")]; });
    return true;
  }

  // Where a flow into `id` leads, as the SOP's `to:`: a step number, return, finish or a final
  // outcome. A gateway with one way out (a merge) is passed through.
  Result<YAML::Node> target(const std::string& id, const std::string& via, int depth = 0) {
    if (depth > 50) return make_error("sequenceFlow " + via + ": the gateways loop without reaching a task");
    xmlNodePtr n = nodes_.at(id);
    if (is_task(id)) return YAML::Node(number_of_.at(id));
    if (is(n, "endEvent")) {
      const std::string key = id.rfind("End_", 0) == 0 ? id.substr(4) : "";
      const std::string name = slug(attr(n, "name"));
      if (key == "issued" || key == "rejected" || key == "withdrawn") return YAML::Node(key);
      if (name.find("tolak") != std::string::npos || name.find("reject") != std::string::npos) return YAML::Node("rejected");
      if (name.find("cabut") != std::string::npos || name.find("withdraw") != std::string::npos)
        return YAML::Node("withdrawn");
      return YAML::Node("finish");
    }
    if (is(n, "startEvent")) return make_error("sequenceFlow " + via + ": leads back into the start event");
    const auto out = outgoing(id);
    if (out.size() != 1)
      return make_error("exclusiveGateway " + id + ": a decision must come right after one task (flow " + via +
                        " reaches it from elsewhere)");
    return target(out.front()->target, out.front()->id, depth + 1);
  }

  Result<YAML::Node> outcome(const Flow& f, std::set<std::string>& codes) {
    YAML::Node o;
    xmlNodePtr x = extension(f.el, "outcome");
    std::string code = x ? attr(x, "code") : "";
    if (code.empty()) code = slug(f.name);
    if (code.empty()) code = "lanjut";
    for (int k = 2; !codes.insert(code).second; ++k) code = code.substr(0, 36) + "_" + std::to_string(k);
    o["code"] = code;
    std::string label = f.name;
    if (label.empty()) {
      label = code;
      std::replace(label.begin(), label.end(), '_', ' ');
    }
    o["label"] = label;
    if (x && attr(x, "returnsToApplicant") == "true") {
      o["to"] = "return";
    } else {
      auto to = target(f.target, f.id);
      if (!to) return to.error();
      o["to"] = *to;
    }
    if (x) {
      if (attr(x, "note") == "required") o["note"] = "required";
      if (const std::string v = attr(x, "verdict"); !v.empty()) o["verdict"] = v;
      if (const auto produces = split_words(attr(x, "produces")); !produces.empty()) o["produces"] = produces;
    }
    return o;
  }

  // The step's Waktu from its timer: satupintu's own amount and unit, else the ISO 8601 duration
  // (PT30M, PT1H, P7D as working days).
  Result<std::string> time_of(xmlNodePtr task, xmlNodePtr step_ext) {
    auto it = timers_.find(attr(task, "id"));
    if (it == timers_.end()) return step_ext && has_attr(step_ext, "time") ? attr(step_ext, "time") : std::string();
    xmlNodePtr timer = it->second;
    if (xmlNodePtr ts = extension(timer, "timeStandard")) {
      const std::string amount = attr(ts, "amount"), unit = attr(ts, "unit");
      if (unit == "working_minutes") return amount + " menit";
      if (unit == "working_hours") return amount + " jam";
      if (unit == "working_days") return amount + " hari kerja";
    }
    std::string iso;
    for (xmlNodePtr d : children(timer))
      if (is(d, "timerEventDefinition"))
        for (xmlNodePtr e : children(d))
          if (is(e, "timeDuration")) iso = content(e);
    const auto number = [](const std::string& s) {
      return !s.empty() && s.size() <= 6 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (iso.size() > 3 && iso.rfind("PT", 0) == 0 && (iso.back() == 'M' || iso.back() == 'H') &&
        number(iso.substr(2, iso.size() - 3)))
      return iso.substr(2, iso.size() - 3) + (iso.back() == 'M' ? " menit" : " jam");
    if (iso.size() > 2 && iso[0] == 'P' && iso.back() == 'D' && number(iso.substr(1, iso.size() - 2)))
      return iso.substr(1, iso.size() - 2) + " hari kerja";
    return make_error("boundaryEvent " + attr(timer, "id") + ": the duration '" + iso.substr(0, 40) +
                      "' is not minutes (PT30M), hours (PT1H) or working days (P7D)");
  }

  Result<YAML::Node> step(xmlNodePtr task) {
    const std::string id = attr(task, "id");
    xmlNodePtr x = extension(task, "step");
    YAML::Node s;
    const int number = number_of_.at(id);
    s["no"] = number;
    std::string code = x ? attr(x, "code") : "";
    if (code.empty()) code = slug(attr(task, "name"));
    if (code.empty()) code = "langkah_" + std::to_string(number);
    s["code"] = code;
    const std::string title = x && has_attr(x, "title") ? attr(x, "title") : attr(task, "name");
    std::string short_title = utf8_prefix(title, 60);
    // A cut after a word leaves its space.
    while (!short_title.empty() && short_title.back() == ' ') short_title.pop_back();
    if (!short_title.empty()) s["title"] = short_title;
    if (x && attr(x, "scope") == "account") s["scope"] = "account";
    auto lane = lane_of_.find(id);
    if (lane == lane_of_.end()) return make_error("userTask " + id + " is in no lane: put it in its role's lane");
    s["actor"] = lane->second;
    if (x) {
      if (const auto assisted = split_words(attr(x, "assistedBy")); !assisted.empty()) s["assisted_by"] = assisted;
    }
    std::string description = documentation(task);
    if (description.empty()) description = attr(task, "name");
    s["description"] = description;
    YAML::Node inputs(YAML::NodeType::Sequence);
    if (x)
      for (xmlNodePtr in : children(x))
        if (in_ns(in, kBpmnExtensionNamespace) && name_of(in) == "input") inputs.push_back(content(in));
    s["inputs"] = inputs;
    auto time = time_of(task, x);
    if (!time) return time.error();
    s["time"] = *time;
    if (x) {
      if (const std::string output = attr(x, "output"); !output.empty()) s["output"] = output;
      if (const std::string remark = attr(x, "remark"); !remark.empty()) s["remark"] = remark;
      if (attr(x, "signs") == "true") s["signs"] = true;
    }
    const auto out = outgoing(id);
    if (out.empty()) return make_error("userTask " + id + " has no outgoing flow");
    if (out.size() > 1)
      return make_error("userTask " + id + " has " + std::to_string(out.size()) +
                        " outgoing flows: draw an exclusive gateway after it to make the step a decision");
    std::vector<const Flow*> ways{out.front()};
    const std::string next = out.front()->target;
    const bool gateway = is(nodes_.at(next), "exclusiveGateway") && outgoing(next).size() > 1;
    if (gateway) {
      if (incoming(next) != 1)
        return make_error("exclusiveGateway " + next + ": a decision must come right after one task, and " +
                          std::to_string(incoming(next)) + " flows lead into it");
      ways = outgoing(next);
    }
    if (gateway || (x && attr(x, "decision") == "true")) s["decision"] = true;
    YAML::Node outcomes(YAML::NodeType::Sequence);
    std::set<std::string> codes;
    for (const Flow* f : ways) {
      auto o = outcome(*f, codes);
      if (!o) return o.error();
      outcomes.push_back(*o);
    }
    s["outcomes"] = outcomes;
    return s;
  }

  Result<std::string> emit(xmlNodePtr process) {
    xmlNodePtr meta = extension(process, "sop");
    const std::string process_name = attr(process, "name");
    std::string code = meta ? attr(meta, "code") : "";
    if (code.empty()) code = slug(options_.office + " " + process_name);
    const std::string base_text = options_.base_for ? options_.base_for(code) : "";
    YAML::Node base;
    if (!base_text.empty()) {
      try {
        base = YAML::Load(base_text);
      } catch (const YAML::Exception& e) {
        return make_error("the office's current definition cannot be read: " + std::string(e.what()));
      }
    }
    YAML::Node root;
    root["kind"] = "sop";
    root["code"] = code;
    const std::string version = meta ? attr(meta, "version") : "";
    root["version"] = version.empty() ? 1 : std::max(1, std::atoi(version.c_str()));
    root["office"] = options_.office;
    if (base["identity"]) {
      root["identity"] = base["identity"];
    } else {
      YAML::Node id;
      id["number"] = "";
      id["name"] = process_name;
      id["created"] = "";
      id["effective"] = "";
      id["approved_by"] = "";
      root["identity"] = id;
    }
    if (base["permit"]) {
      root["permit"] = base["permit"];
    } else {
      YAML::Node permit;
      permit["code"] = meta ? attr(meta, "permit") : "";
      permit["name"] = process_name;
      permit["requirements"] = YAML::Node(YAML::NodeType::Sequence);
      root["permit"] = permit;
    }
    // Roles: the lanes, then the roles that only assist (the export lists them on the process).
    for (xmlNodePtr e : children(process))
      if (is(e, "extensionElements"))
        for (xmlNodePtr r : children(e))
          if (in_ns(r, kBpmnExtensionNamespace) && name_of(r) == "role")
            roles_.push_back({attr(r, "code"), attr(r, "name"), attr(r, "applicant") == "true"});
    const bool any_applicant = std::any_of(roles_.begin(), roles_.end(), [](const RoleLine& r) { return r.applicant; });
    YAML::Node roles(YAML::NodeType::Sequence);
    for (const RoleLine& r : roles_) {
      YAML::Node n;
      n["code"] = r.code;
      n["name"] = r.name;
      // Without satupintu's mark, the applicant is the role of the first step.
      const bool applicant = any_applicant ? r.applicant : lane_of_[attr(tasks_.front(), "id")] == r.code;
      if (applicant) n["applicant"] = true;
      roles.push_back(n);
    }
    root["roles"] = roles;
    YAML::Node steps(YAML::NodeType::Sequence);
    for (xmlNodePtr t : tasks_) {
      auto s = step(t);
      if (!s) return s.error();
      steps.push_back(*s);
    }
    root["steps"] = steps;
    if (base["notes"]) root["notes"] = base["notes"];
    YAML::Emitter out;
    out.SetIndent(2);
    out << root;
    if (!out.good()) return make_error("the definition could not be written: " + out.GetLastError());
    return "# Imported from BPMN. Steps, roles, time standards and outcomes come from the diagram;\n"
           "# the identity block and the permit from the office's current definition, when it has one.\n" +
           std::string(out.c_str()) + "\n";
  }

  struct RoleLine {
    std::string code, name;
    bool applicant = false;
  };

  const BpmnImportOptions& options_;
  std::vector<RoleLine> roles_;
  std::map<std::string, std::string> lane_of_;  // flow node id -> role code
  std::map<std::string, xmlNodePtr> nodes_;     // start, tasks, gateways, ends by id
  std::vector<xmlNodePtr> tasks_;
  std::map<std::string, xmlNodePtr> timers_;    // by the task they sit on
  std::vector<Flow> flows_;
  std::map<std::string, int> number_of_;
  std::string start_;
};

}  // namespace

Result<std::string> import_bpmn(std::string_view xml, const BpmnImportOptions& options) {
  return Importer(options).run(xml);
}

}  // namespace sp::diagrams
