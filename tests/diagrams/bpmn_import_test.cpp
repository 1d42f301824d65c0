// BPMN back into SOP definitions: every SOP in sop/ exported and imported again is the same
// definition (roles, steps, time standards, outcomes and what they carry); a diagram drawn in
// a modeler without satupintu's extensions still becomes a valid SOP; an element the SOP model
// has no place for is refused by its id.
#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/catalog_loader.hpp"
#include "core/text.hpp"
#include "diagrams/bpmn_export.hpp"
#include "diagrams/bpmn_import.hpp"
#include "test_data.hpp"

namespace sp::diagrams {
namespace {

// The definition in `yaml`, loaded as the catalogue loads a file, with the seed offices.
const Sop* load(const std::string& yaml, Catalog& into) {
  for (const auto& o : test::seed_catalog().catalog.offices()) into.add_office(o);
  Diagnostics problems;
  load_definition_text(yaml, "imported.yaml", into, problems);
  for (const auto& p : problems) ADD_FAILURE() << p.to_string() << "\n" << yaml;
  return into.sops().empty() ? nullptr : &into.sops().front();
}

std::string role_code(const Sop& s, RoleIndex r) { return s.roles.at(r).code; }

void expect_same_process(const Sop& a, const Sop& b) {
  ASSERT_EQ(a.steps.size(), b.steps.size()) << a.code;
  EXPECT_EQ(role_code(a, a.applicant), role_code(b, b.applicant));
  for (const auto& r : a.roles) {
    auto other = b.role_by_code(r.code);
    ASSERT_TRUE(other) << a.code << " lost role " << r.code;
    EXPECT_EQ(b.roles[*other].name, r.name);
  }
  for (std::size_t i = 0; i < a.steps.size(); ++i) {
    const Step &x = a.steps[i], &y = b.steps[i];
    const std::string where = a.code + " step " + std::to_string(x.number);
    EXPECT_EQ(x.number, y.number) << where;
    EXPECT_EQ(x.code, y.code) << where;
    EXPECT_EQ(x.title, y.title) << where;
    EXPECT_EQ(x.description, y.description) << where;
    EXPECT_EQ(role_code(a, x.actor), role_code(b, y.actor)) << where;
    ASSERT_EQ(x.assisted_by.size(), y.assisted_by.size()) << where;
    for (std::size_t k = 0; k < x.assisted_by.size(); ++k)
      EXPECT_EQ(role_code(a, x.assisted_by[k]), role_code(b, y.assisted_by[k])) << where;
    EXPECT_EQ(x.inputs, y.inputs) << where;
    EXPECT_EQ(x.time.unit, y.time.unit) << where;
    EXPECT_EQ(x.time.amount, y.time.amount) << where;
    EXPECT_EQ(x.time.dash, y.time.dash) << where;
    EXPECT_EQ(x.output, y.output) << where;
    EXPECT_EQ(x.remark, y.remark) << where;
    EXPECT_EQ(x.decision, y.decision) << where;
    EXPECT_EQ(x.signs, y.signs) << where;
    EXPECT_EQ(x.scope, y.scope) << where;
    ASSERT_EQ(x.outcomes.size(), y.outcomes.size()) << where;
    for (std::size_t k = 0; k < x.outcomes.size(); ++k) {
      const Outcome &o = x.outcomes[k], &p = y.outcomes[k];
      EXPECT_EQ(o.code, p.code) << where;
      EXPECT_EQ(o.label, p.label) << where;
      EXPECT_EQ(o.target.kind, p.target.kind) << where << " " << o.code;
      EXPECT_EQ(o.target.step, p.target.step) << where << " " << o.code;
      EXPECT_EQ(o.target.outcome, p.target.outcome) << where << " " << o.code;
      EXPECT_EQ(o.note_required, p.note_required) << where << " " << o.code;
      EXPECT_EQ(o.sets_verdict, p.sets_verdict) << where << " " << o.code;
      EXPECT_EQ(o.produces, p.produces) << where << " " << o.code;
    }
  }
}

TEST(BpmnImport, EverySopRoundTripsThroughBpmn) {
  const auto& catalog = test::seed_catalog().catalog;
  ASSERT_GE(catalog.sops().size(), 5u);
  for (const Sop& sop : catalog.sops()) {
    auto xml = export_bpmn(sop, catalog.office(sop.office)->name);
    ASSERT_TRUE(xml.ok());
    auto yaml = import_bpmn(*xml, {sop.office, [&](const std::string& code) { return code == sop.code ? sop.source_text : ""; }});
    ASSERT_TRUE(yaml.ok()) << sop.code << ": " << yaml.error().message;
    Catalog back;
    const Sop* again = load(*yaml, back);
    ASSERT_NE(again, nullptr) << sop.code;
    EXPECT_EQ(again->code, sop.code);
    EXPECT_EQ(again->permit.code, sop.permit.code);
    EXPECT_EQ(again->identity.number, sop.identity.number);
    expect_same_process(sop, *again);
  }
}

// As a modeler saves it: no satupintu extensions, a merge gateway, ISO durations.
constexpr const char* kDrawn = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <bpmn:process id="P" name="Izin Reklame">
    <bpmn:laneSet id="LS">
      <bpmn:lane id="L1" name="Pemohon"><bpmn:flowNodeRef>S</bpmn:flowNodeRef><bpmn:flowNodeRef>T1</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="L2" name="Front Office"><bpmn:flowNodeRef>T2</bpmn:flowNodeRef><bpmn:flowNodeRef>G</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="L3" name="Kepala Dinas"><bpmn:flowNodeRef>T3</bpmn:flowNodeRef><bpmn:flowNodeRef>E1</bpmn:flowNodeRef><bpmn:flowNodeRef>E2</bpmn:flowNodeRef><bpmn:flowNodeRef>M</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="S"/>
    <bpmn:userTask id="T1" name="Ajukan permohonan"><bpmn:documentation>Mengajukan permohonan
      melalui portal</bpmn:documentation></bpmn:userTask>
    <bpmn:userTask id="T2" name="Periksa berkas"/>
    <bpmn:exclusiveGateway id="G"/>
    <bpmn:exclusiveGateway id="M"/>
    <bpmn:userTask id="T3" name="Tanda tangan"/>
    <bpmn:boundaryEvent id="B2" attachedToRef="T2" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="B3" attachedToRef="T3"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:endEvent id="E1" name="Izin terbit"/>
    <bpmn:endEvent id="E2" name="Permohonan ditolak"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T1"/>
    <bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="T2"/>
    <bpmn:sequenceFlow id="F3" sourceRef="T2" targetRef="G"/>
    <bpmn:sequenceFlow id="F4" name="Lengkap" sourceRef="G" targetRef="M"/>
    <bpmn:sequenceFlow id="F5" name="Ditolak" sourceRef="G" targetRef="E2"/>
    <bpmn:sequenceFlow id="F6" sourceRef="M" targetRef="T3"/>
    <bpmn:sequenceFlow id="F7" sourceRef="T3" targetRef="E1"/>
  </bpmn:process>
</bpmn:definitions>)";

TEST(BpmnImport, ADiagramFromAModelerBecomesSteps) {
  auto yaml = import_bpmn(kDrawn, {"kampar", {}});
  ASSERT_TRUE(yaml.ok()) << yaml.error().message;
  const std::string& y = *yaml;
  for (const char* expected : {"code: pemohon", "applicant: true", "code: front_office", "time: 2 jam",
                               "time: 3 hari kerja", "to: rejected", "to: finish", "decision: true",
                               "description: Mengajukan permohonan melalui portal", "code: lengkap"})
    EXPECT_NE(y.find(expected), std::string::npos) << expected << " in\n" << y;
  // Without the office's definition, the identity and permit are left for the office: the
  // validator says what is missing, by file and line.
  Catalog back;
  for (const auto& o : test::seed_catalog().catalog.offices()) back.add_office(o);
  Diagnostics problems;
  load_definition_text(y, "imported.yaml", back, problems);
  EXPECT_FALSE(problems.empty());
}

TEST(BpmnImport, WhatAnSopCannotHoldIsRefusedByItsId) {
  const std::string drawn = kDrawn;
  const auto with = [&](const std::string& from, const std::string& to) {
    std::string s = drawn;
    s.replace(s.find(from), from.size(), to);
    return import_bpmn(s, {"kampar", {}});
  };
  // A long name with letters beyond ASCII: the title is cut between characters, not inside one.
  auto long_name = with(R"(name="Periksa berkas")", R"(name="Periksa berkas permohonan izin praktik dan tanda daftar us — lanjutan")");
  ASSERT_TRUE(long_name.ok()) << long_name.error().message;
  EXPECT_TRUE(valid_utf8(*long_name));
  EXPECT_NE(long_name->find("title: Periksa berkas permohonan izin praktik dan tanda daftar us\n"), std::string::npos)
      << *long_name;
  auto parallel = with(R"(<bpmn:exclusiveGateway id="G"/>)", R"(<bpmn:parallelGateway id="G"/>)");
  ASSERT_FALSE(parallel.ok());
  EXPECT_NE(parallel.error().message.find("parallelGateway G"), std::string::npos) << parallel.error().message;
  auto split = with(R"(<bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="T2"/>)",
                    R"(<bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="T2"/><bpmn:sequenceFlow id="F9" sourceRef="T1" targetRef="T3"/>)");
  ASSERT_FALSE(split.ok());
  EXPECT_NE(split.error().message.find("userTask T1 has 2 outgoing flows"), std::string::npos) << split.error().message;
  auto message = with(R"(<bpmn:timerEventDefinition><bpmn:timeDuration>PT2H)",
                      R"(<bpmn:messageEventDefinition/><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H)");
  EXPECT_TRUE(message.ok());  // a timer is there; the message definition beside it is ignored
  auto signal = with(R"(<bpmn:boundaryEvent id="B3" attachedToRef="T3"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>)",
                     R"(<bpmn:boundaryEvent id="B3" attachedToRef="T3"><bpmn:signalEventDefinition/></bpmn:boundaryEvent>)");
  ASSERT_FALSE(signal.ok());
  EXPECT_NE(signal.error().message.find("boundaryEvent B3"), std::string::npos);
  auto duration = with("P3D", "R3/PT1H");
  ASSERT_FALSE(duration.ok());
  EXPECT_NE(duration.error().message.find("boundaryEvent B3"), std::string::npos);
  auto lost = with(R"(<bpmn:flowNodeRef>T2</bpmn:flowNodeRef>)", "");
  ASSERT_FALSE(lost.ok());
  EXPECT_NE(lost.error().message.find("userTask T2 is in no lane"), std::string::npos);
  auto unreachable = with(R"(<bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="T2"/>)",
                          R"(<bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="T3"/>)");
  ASSERT_FALSE(unreachable.ok());
  EXPECT_NE(unreachable.error().message.find("userTask T2 cannot be reached"), std::string::npos);
  EXPECT_FALSE(import_bpmn("<not-bpmn/>", {"kampar", {}}).ok());
  auto broken = import_bpmn("<bpmn:definitions", {"kampar", {}});
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("not well-formed"), std::string::npos);
}

}  // namespace
}  // namespace sp::diagrams
