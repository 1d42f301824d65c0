#include "diagrams/bpmn_export.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <vector>

#include "core/text.hpp"
#include "diagrams/xml_writer.hpp"

namespace sp::diagrams {

namespace {

// The layout: a column per step and one after each decision for its gateway, a lane per role.
constexpr int kLaneHeight = 140, kLaneLabel = 30, kPoolX = 20, kPoolY = 20, kColumn = 140, kFirstX = 80;
constexpr int kTaskW = 110, kTaskH = 80, kGateway = 50, kEvent = 36;

struct Node {
  std::string id, kind, name;  // kind: startEvent, userTask, exclusiveGateway, endEvent
  int lane = 0, column = 0, stack = 0;  // stack: ends sharing a lane and column sit one below the other
  int x = 0, y = 0, w = 0, h = 0;
};

struct Flow {
  std::string id, source, target, name, outcome_code;
  bool returns = false;  // to the applicant, who resubmits
  const Outcome* outcome = nullptr;  // the SOP's outcome this flow draws, if any
};

std::string duration(const TimeLimit& t) {
  switch (t.unit) {
    case TimeLimit::Unit::Minutes: return "PT" + std::to_string(t.amount) + "M";
    case TimeLimit::Unit::Hours: return "PT" + std::to_string(t.amount) + "H";
    case TimeLimit::Unit::WorkingDays: return "P" + std::to_string(t.amount) + "D";
    case TimeLimit::Unit::None: break;
  }
  return "";
}

const char* unit_key(const TimeLimit& t) {
  switch (t.unit) {
    case TimeLimit::Unit::Minutes: return "working_minutes";
    case TimeLimit::Unit::Hours: return "working_hours";
    case TimeLimit::Unit::WorkingDays: return "working_days";
    case TimeLimit::Unit::None: break;
  }
  return "";
}

class Exporter {
 public:
  explicit Exporter(const Sop& sop) : sop_(sop) {}

  Result<std::string> run(const std::string& office_name) {
    plan();
    XmlWriter w;
    if (!w.ok()) return make_error("cannot start the XML writer");
    w.start_document();
    w.start("bpmn:definitions");
    w.attr("xmlns:bpmn", "http://www.omg.org/spec/BPMN/20100524/MODEL");
    w.attr("xmlns:bpmndi", "http://www.omg.org/spec/BPMN/20100524/DI");
    w.attr("xmlns:dc", "http://www.omg.org/spec/DD/20100524/DC");
    w.attr("xmlns:di", "http://www.omg.org/spec/DD/20100524/DI");
    w.attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    w.attr("xmlns:satupintu", kBpmnExtensionNamespace);
    w.attr("id", "Definitions_" + safe(sop_.code));
    w.attr("targetNamespace", std::string(kBpmnExtensionNamespace) + "/sop/" + sop_.code);
    w.attr("exporter", "satupintu");
    w.attr("exporterVersion", "1");

    w.start("bpmn:collaboration");
    w.attr("id", collaboration_id());
    w.start("bpmn:participant");
    w.attr("id", participant_id());
    w.attr("name", office_name);
    w.attr("processRef", process_id());
    w.end();
    w.end();

    process(w);
    diagram(w);
    w.end();  // definitions
    std::string xml = w.finish();
    if (!w.ok()) return make_error("the BPMN document could not be written");
    return xml;
  }

 private:
  std::string process_id() const { return "Process_" + safe(sop_.code); }
  std::string collaboration_id() const { return "Collaboration_" + safe(sop_.code); }
  std::string participant_id() const { return "Participant_" + safe(sop_.code); }
  static std::string safe(const std::string& s) {
    std::string out;
    for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
    return out;
  }
  static std::string task_id(const Step& st) { return "Task_" + std::to_string(st.number); }
  static std::string gateway_id(const Step& st) { return "Gateway_" + std::to_string(st.number); }
  static std::string timer_id(const Step& st) { return "Timer_" + std::to_string(st.number); }

  // Lanes in the order of the SOP's roles, for the roles that act in a step.
  void plan() {
    for (RoleIndex r = 0; r < sop_.roles.size(); ++r)
      if (std::any_of(sop_.steps.begin(), sop_.steps.end(), [&](const Step& st) { return st.actor == r; }))
        lane_of_role_[r] = static_cast<int>(lanes_.size()), lanes_.push_back(r);
    const auto lane = [&](RoleIndex r) { return lane_of_role_.at(r); };
    nodes_.push_back({"Start", "startEvent", "Mulai", lane(sop_.steps.front().actor), 0});
    int column = 1;
    for (const auto& st : sop_.steps) {
      nodes_.push_back({task_id(st), "userTask", st.title.empty() ? st.code : st.title, lane(st.actor), column});
      const bool gateway = st.outcomes.size() > 1;
      if (gateway) nodes_.push_back({gateway_id(st), "exclusiveGateway", "", lane(st.actor), ++column});
      ++column;
    }
    last_column_ = column;
    flow("Start", task_id(sop_.steps.front()), nullptr, false);
    for (std::size_t i = 0; i < sop_.steps.size(); ++i) {
      const Step& st = sop_.steps[i];
      const bool gateway = st.outcomes.size() > 1;
      if (gateway) flow(task_id(st), gateway_id(st), nullptr, false);
      for (const auto& o : st.outcomes) {
        const std::string from = gateway ? gateway_id(st) : task_id(st);
        switch (o.target.kind) {
          case Target::Kind::Step:
            flow(from, task_id(sop_.steps[o.target.step]), &o, false);
            break;
          case Target::Kind::ReturnToApplicant:
            flow(from, task_id(sop_.steps[sop_.first_application_step()]), &o, true);
            break;
          case Target::Kind::Finish:
            flow(from, end_event("End_selesai", "Selesai: izin terbit, atau surat penolakan bila ditolak", st), &o, false);
            break;
          case Target::Kind::End: {
            const std::string key(final_outcome_key(o.target.outcome));
            flow(from, end_event("End_" + key, std::string(final_outcome_label(o.target.outcome)), st), &o, false);
            break;
          }
        }
      }
    }
    layout();
  }

  std::string end_event(const std::string& id, const std::string& name, const Step& from) {
    if (std::none_of(nodes_.begin(), nodes_.end(), [&](const Node& n) { return n.id == id; })) {
      const int lane = lane_of_role_.at(from.actor);
      const int stack = static_cast<int>(std::count_if(nodes_.begin(), nodes_.end(), [&](const Node& n) {
        return n.kind == "endEvent" && n.lane == lane;
      }));
      nodes_.push_back({id, "endEvent", name, lane, 0, stack});
    }
    return id;
  }

  void flow(const std::string& from, const std::string& to, const Outcome* o, bool returns) {
    flows_.push_back({"Flow_" + std::to_string(flows_.size() + 1), from, to, o ? o->label : "", o ? o->code : "", returns,
                      o});
  }

  void layout() {
    for (auto& n : nodes_) {
      if (n.kind == "endEvent") n.column = last_column_;
      const int left = kFirstX + n.column * kColumn;
      const int middle = kPoolY + n.lane * kLaneHeight + kLaneHeight / 2;
      if (n.kind == "userTask") n.w = kTaskW, n.h = kTaskH;
      else if (n.kind == "exclusiveGateway") n.w = n.h = kGateway;
      else n.w = n.h = kEvent;
      n.x = left + (kTaskW - n.w) / 2;
      n.y = middle - n.h / 2 + n.stack * (kEvent + 14);
    }
  }

  const Node& node(const std::string& id) const {
    return *std::find_if(nodes_.begin(), nodes_.end(), [&](const Node& n) { return n.id == id; });
  }

  void process(XmlWriter& w) {
    w.start("bpmn:process");
    w.attr("id", process_id());
    w.attr("name", sop_.identity.name.empty() ? sop_.permit.name : sop_.identity.name);
    w.attr("isExecutable", "false");
    w.start("bpmn:documentation");
    w.text("SOP " + sop_.code + " versi " + std::to_string(sop_.version) +
           (sop_.identity.number.empty() ? "" : ", Nomor SOP " + sop_.identity.number) + ". Izin: " + sop_.permit.name +
           ". Waktu standar dihitung dalam jam dan hari kerja kantor.");
    w.end();
    w.start("bpmn:extensionElements");
    w.start("satupintu:sop");
    w.attr("code", sop_.code);
    w.attr("version", sop_.version);
    w.attr("office", sop_.office);
    w.attr("permit", sop_.permit.code);
    w.end();
    // Roles without a lane (they only assist in a step), so an import keeps them.
    for (RoleIndex r = 0; r < sop_.roles.size(); ++r) {
      if (lane_of_role_.count(r)) continue;
      w.start("satupintu:role");
      w.attr("code", sop_.roles[r].code);
      w.attr("name", sop_.roles[r].name);
      if (r == sop_.applicant) w.attr("applicant", "true");
      w.end();
    }
    w.end();

    w.start("bpmn:laneSet");
    w.attr("id", "LaneSet_" + safe(sop_.code));
    for (std::size_t l = 0; l < lanes_.size(); ++l) {
      const Role& role = sop_.roles[lanes_[l]];
      w.start("bpmn:lane");
      w.attr("id", "Lane_" + safe(role.code));
      w.attr("name", role.name);
      w.start("bpmn:extensionElements");
      w.start("satupintu:role");
      w.attr("code", role.code);
      if (lanes_[l] == sop_.applicant) w.attr("applicant", "true");
      w.end();
      w.end();
      for (const auto& n : nodes_)
        if (n.lane == static_cast<int>(l)) w.element("bpmn:flowNodeRef", n.id);
      for (const auto& st : sop_.steps)
        if (lane_of_role_.at(st.actor) == static_cast<int>(l) && !st.time.is_none())
          w.element("bpmn:flowNodeRef", timer_id(st));
      w.end();
    }
    w.end();

    for (const auto& n : nodes_) {
      w.start(("bpmn:" + n.kind).c_str());
      w.attr("id", n.id);
      if (!n.name.empty()) w.attr("name", n.name);
      if (n.kind == "userTask") task_body(w, step_of(n.id));
      for (const auto& f : flows_)
        if (f.target == n.id) w.element("bpmn:incoming", f.id);
      for (const auto& f : flows_)
        if (f.source == n.id) w.element("bpmn:outgoing", f.id);
      w.end();
    }
    for (const auto& st : sop_.steps)
      if (!st.time.is_none()) timer(w, st);
    for (const auto& f : flows_) {
      w.start("bpmn:sequenceFlow");
      w.attr("id", f.id);
      if (!f.name.empty()) w.attr("name", f.name);
      w.attr("sourceRef", f.source);
      w.attr("targetRef", f.target);
      if (!f.outcome_code.empty()) {
        w.start("bpmn:extensionElements");
        w.start("satupintu:outcome");
        w.attr("code", f.outcome_code);
        if (f.returns) w.attr("returnsToApplicant", "true");
        if (f.outcome) {
          if (f.outcome->note_required) w.attr("note", "required");
          if (f.outcome->sets_verdict) w.attr("verdict", *f.outcome->sets_verdict == Verdict::Refuse ? "refuse" : "grant");
          if (!f.outcome->produces.empty()) w.attr("produces", join(f.outcome->produces, " "));
        }
        w.end();
        w.end();
      }
      w.end();
    }
    w.end();  // process
  }

  const Step& step_of(const std::string& task) const {
    return *std::find_if(sop_.steps.begin(), sop_.steps.end(), [&](const Step& st) { return task_id(st) == task; });
  }

  void task_body(XmlWriter& w, const Step& st) {
    w.element("bpmn:documentation", st.description);
    w.start("bpmn:extensionElements");
    w.start("satupintu:step");
    w.attr("number", st.number);
    w.attr("code", st.code);
    if (st.scope == StepScope::Account) w.attr("scope", "account");
    if (st.signs) w.attr("signs", "true");
    if (st.decision) w.attr("decision", "true");
    if (!st.title.empty()) w.attr("title", st.title);
    if (!st.output.empty()) w.attr("output", st.output);
    if (!st.remark.empty()) w.attr("remark", st.remark);
    if (st.time.is_none()) w.attr("time", st.time.dash ? "-" : "");  // the sheet's Waktu cell as written
    if (!st.assisted_by.empty()) {
      std::vector<std::string> codes;
      for (RoleIndex r : st.assisted_by) codes.push_back(sop_.roles[r].code);
      w.attr("assistedBy", join(codes, " "));
    }
    for (const auto& in : st.inputs) w.element("satupintu:input", in);
    w.end();
    w.end();
  }

  void timer(XmlWriter& w, const Step& st) {
    w.start("bpmn:boundaryEvent");
    w.attr("id", timer_id(st));
    w.attr("name", format_time_limit(st.time));
    w.attr("cancelActivity", "false");
    w.attr("attachedToRef", task_id(st));
    w.element("bpmn:documentation", "Waktu standar langkah " + std::to_string(st.number) + ": " +
                                        format_time_limit(st.time) + ", dihitung pada jam dan hari kerja kantor.");
    w.start("bpmn:extensionElements");
    w.start("satupintu:timeStandard");
    w.attr("amount", std::to_string(st.time.amount));
    w.attr("unit", unit_key(st.time));
    w.end();
    w.end();
    w.start("bpmn:timerEventDefinition");
    w.attr("id", timer_id(st) + "_definition");
    w.start("bpmn:timeDuration");
    w.attr("xsi:type", "bpmn:tFormalExpression");
    w.text(duration(st.time));
    w.end();
    w.end();
    w.end();
  }

  void bounds(XmlWriter& w, int x, int y, int width, int height) {
    w.start("dc:Bounds");
    w.attr("x", x);
    w.attr("y", y);
    w.attr("width", width);
    w.attr("height", height);
    w.end();
  }

  void point(XmlWriter& w, int x, int y) {
    w.start("di:waypoint");
    w.attr("x", x);
    w.attr("y", y);
    w.end();
  }

  void diagram(XmlWriter& w) {
    const int width = kFirstX - kPoolX + (last_column_ + 1) * kColumn;
    const int height = static_cast<int>(lanes_.size()) * kLaneHeight;
    w.start("bpmndi:BPMNDiagram");
    w.attr("id", "Diagram_" + safe(sop_.code));
    w.start("bpmndi:BPMNPlane");
    w.attr("id", "Plane_" + safe(sop_.code));
    w.attr("bpmnElement", collaboration_id());
    w.start("bpmndi:BPMNShape");
    w.attr("id", participant_id() + "_di");
    w.attr("bpmnElement", participant_id());
    w.attr("isHorizontal", "true");
    bounds(w, kPoolX, kPoolY, width, height);
    w.end();
    for (std::size_t l = 0; l < lanes_.size(); ++l) {
      w.start("bpmndi:BPMNShape");
      w.attr("id", "Lane_" + safe(sop_.roles[lanes_[l]].code) + "_di");
      w.attr("bpmnElement", "Lane_" + safe(sop_.roles[lanes_[l]].code));
      w.attr("isHorizontal", "true");
      bounds(w, kPoolX + kLaneLabel, kPoolY + static_cast<int>(l) * kLaneHeight, width - kLaneLabel, kLaneHeight);
      w.end();
    }
    for (const auto& n : nodes_) {
      w.start("bpmndi:BPMNShape");
      w.attr("id", n.id + "_di");
      w.attr("bpmnElement", n.id);
      if (n.kind == "exclusiveGateway") w.attr("isMarkerVisible", "true");
      bounds(w, n.x, n.y, n.w, n.h);
      w.end();
    }
    for (const auto& st : sop_.steps) {
      if (st.time.is_none()) continue;
      const Node& task = node(task_id(st));
      w.start("bpmndi:BPMNShape");
      w.attr("id", timer_id(st) + "_di");
      w.attr("bpmnElement", timer_id(st));
      bounds(w, task.x + task.w - kEvent / 2 - 8, task.y + task.h - kEvent / 2, kEvent, kEvent);
      w.end();
    }
    int detour = 0;
    for (const auto& f : flows_) {
      const Node& a = node(f.source);
      const Node& b = node(f.target);
      w.start("bpmndi:BPMNEdge");
      w.attr("id", f.id + "_di");
      w.attr("bpmnElement", f.id);
      const int ay = a.y + a.h / 2, by = b.y + b.h / 2;
      if (b.x > a.x) {
        // Forward: out of the right side, across, into the left side.
        const int ax = a.x + a.w, bx = b.x;
        point(w, ax, ay);
        if (ay != by) {
          const int mid = bx - 20;
          point(w, mid, ay);
          point(w, mid, by);
        }
        point(w, bx, by);
      } else {
        // Back (a return or a send-back): down below the source, left, up into the target.
        const int below = std::max(a.y + a.h, b.y + b.h) + 14 + 6 * (detour++ % 3);
        point(w, a.x + a.w / 2, a.y + a.h);
        point(w, a.x + a.w / 2, below);
        point(w, b.x + b.w / 2, below);
        point(w, b.x + b.w / 2, b.y + b.h);
      }
      w.end();
    }
    w.end();  // plane
    w.end();  // diagram
  }

  const Sop& sop_;
  std::vector<RoleIndex> lanes_;
  std::map<RoleIndex, int> lane_of_role_;
  std::vector<Node> nodes_;
  std::vector<Flow> flows_;
  int last_column_ = 0;
};

}  // namespace

Result<std::string> export_bpmn(const Sop& sop, const std::string& office_name) {
  if (sop.steps.empty()) return make_error("the SOP has no steps");
  return Exporter(sop).run(office_name);
}

}  // namespace sp::diagrams
