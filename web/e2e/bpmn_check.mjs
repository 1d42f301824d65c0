// Every SOP exported as BPMN 2.0 (satupintu sop export-bpmn) loads in bpmn-moddle, the model
// layer of bpmn-js, without a single warning; and the process holds what the SOP says: a lane
// per acting role, a user task per step, a gateway per decision, a timer per timed step with
// its working-time unit, an end per final outcome, and a diagram shape for every element.
// Usage: node web/e2e/bpmn_check.mjs BINARY DATA_DIR
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BpmnModdle from "bpmn-moddle";

const [binary, dataDir] = process.argv.slice(2);
const run = (...args) => execFileSync(binary, args, { cwd: dataDir, encoding: "utf8" });
const sops = JSON.parse(run("sop", "list", "--json"));
const out = mkdtempSync(join(tmpdir(), "satupintu-bpmn-"));
let failed = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failed++;
};

try {
  for (const summary of sops) {
    const code = summary.code;
    const file = join(out, `${code}.bpmn`);
    run("sop", "export-bpmn", code, "-o", file);
    const sop = JSON.parse(run("sop", "show", code, "--json"));
    const { rootElement: defs, warnings } = await new BpmnModdle().fromXML(readFileSync(file, "utf8"));
    check(warnings.length === 0, `${code}: bpmn-moddle reads it without warnings (${warnings.map((w) => w.message).join("; ")})`);
    const process = defs.rootElements.find((e) => e.$type === "bpmn:Process");
    const elements = process.flowElements;
    const of = (type) => elements.filter((e) => e.$type === type);
    const actors = new Set(sop.steps.map((s) => s.actor));
    check(process.laneSets[0].lanes.length === actors.size, `${code}: one lane per acting role (${actors.size})`);
    check(of("bpmn:UserTask").length === sop.steps.length, `${code}: a user task per step (${sop.steps.length})`);
    const decisions = sop.steps.filter((s) => s.outcomes.length > 1).length;
    check(of("bpmn:ExclusiveGateway").length === decisions, `${code}: a gateway per decision (${decisions})`);
    const timed = sop.steps.filter((s) => s.time !== "" && s.time !== "-");
    const timers = of("bpmn:BoundaryEvent");
    check(timers.length === timed.length && timers.every((t) => t.eventDefinitions[0].timeDuration.body &&
      String(t.extensionElements.values[0].unit ?? t.extensionElements.values[0].$attrs?.unit).startsWith("working_")),
          `${code}: a timer per timed step, with its duration and working-time unit (${timed.length})`);
    check(of("bpmn:StartEvent").length === 1 && of("bpmn:EndEvent").length >= 1, `${code}: a start and its ends`);
    const flows = of("bpmn:SequenceFlow");
    const named = sop.steps.filter((s) => s.outcomes.length > 1).flatMap((s) => s.outcomes);
    check(named.every((o) => flows.some((f) => f.name === o.label)), `${code}: every decision branch is named`);
    const shapes = new Set(defs.diagrams[0].plane.planeElement.map((d) => d.bpmnElement.id));
    const missing = [...elements, ...process.laneSets[0].lanes].filter((e) => !shapes.has(e.id)).map((e) => e.id);
    check(missing.length === 0, `${code}: every element has its place in the diagram (${missing.join(", ") || "all"})`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (failed) {
  console.log(`${failed} check(s) failed`);
  process.exit(1);
}
console.log("all BPMN checks passed");
