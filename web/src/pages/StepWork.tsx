// The forms of particular steps: the front office's per-requirement checklist (returning a
// file with a reason per requirement) and the technical team's report. The back office's
// scheduling is in Schedule.tsx.
import { useState } from "react";
import { api } from "../api";
import { useI18n } from "../i18n";
import { useAction } from "../useAction";
import { useFieldNote } from "../problem";
import { DocumentViewer, type Viewable } from "./DocumentViewer";

export interface StepAction {
  code: string;
  label: string;
  note_required: boolean;
  returns_file: boolean;
  report_required: boolean;
  signs: boolean; // taking it signs its documents in the actor's name
  produces: string[];
  documents: string[]; // the concrete documents it would produce for this file
}
interface App {
  id: number;
  version: number;
  actions: StepAction[];
  requirements: { code: string; name: string; mandatory: boolean }[];
  documents: { id: number; requirement: string; revision: number; content_type: string }[];
}
const lines = (s: string) => s.split("\n").map((l) => l.trim()).filter(Boolean);

function act(app: App, body: Record<string, unknown>) {
  return api("POST", `/api/v1/applications/${app.id}/actions`, { ...body, version: app.version });
}

// Every uploaded requirement starts unmarked and is checked by hand, beside its document (the
// first is shown at once; marking one "Sesuai" shows the next). The file is accepted only when
// each uploaded requirement is marked "Sesuai"; it is returned when at least one is marked
// missing or wrong, each with its reason. The officer's note goes with either.
export function Checklist({ app, action, accepts, onDone }: { app: App; action: StepAction; accepts: StepAction[]; onDone: () => void }) {
  const { t } = useI18n();
  const [marks, setMarks] = useState<Record<string, { state?: string; reason: string }>>({});
  const [note, setNote] = useState("");
  const uploaded = new Set(app.documents.map((d) => d.requirement));
  const items = app.requirements.filter((q) => uploaded.has(q.code) || q.mandatory);
  const allOk = items.every((q) => marks[q.code]?.state === "ok");
  const flagged = Object.entries(marks).filter(([, m]) => m.state && m.state !== "ok");
  const canReturn = flagged.length > 0 && flagged.every(([, m]) => m.reason.trim());
  const { busy, error, run } = useAction(async (code: string, returning: boolean) => {
    const body: Record<string, unknown> = { action: code };
    if (note.trim()) body.note = note.trim();
    if (returning)
      body.reasons = flagged.map(([requirement, m]) => ({ requirement, reason: `${t(`check.${m.state}`)}: ${m.reason.trim()}` }));
    await act(app, body);
    onDone();
  });
  // The latest revision of each requirement's document, as the checklist shows it.
  const latest = (code: string) => app.documents.filter((d) => d.requirement === code).sort((x, y) => y.revision - x.revision)[0];
  const [viewing, setViewing] = useState<string | null>(() => items.find((q) => uploaded.has(q.code))?.code ?? null);
  const set = (code: string, patch: Partial<{ state: string; reason: string }>) => {
    setMarks((m) => ({ ...m, [code]: { ...(m[code] ?? { reason: "" }), ...patch } }));
    if (patch.state === "ok") {
      const next = items.find((q) => q.code !== code && uploaded.has(q.code) && !marks[q.code]?.state);
      if (next) setViewing(next.code);
    }
  };
  const shownDoc = viewing ? latest(viewing) : undefined;
  const shown: Viewable | null = shownDoc
    ? { key: `d${shownDoc.id}`, title: `${app.requirements.find((q) => q.code === viewing)?.name ?? viewing} (rev. ${shownDoc.revision})`,
        url: `/api/v1/applications/${app.id}/documents/${shownDoc.id}`, type: shownDoc.content_type }
    : null;
  return (
    <form onSubmit={(e) => e.preventDefault()}>
      <h2>{t("check.title")}</h2>
      <div className="check-layout">
        <div className="check-items">
          {app.requirements.map((q) => {
            if (!items.includes(q)) return <p key={q.code} className="muted"><span lang="id">{q.name}</span>: {t("check.not_uploaded")}</p>;
            const m = marks[q.code] ?? { reason: "" };
            return (
              <fieldset key={q.code} className={viewing === q.code ? "checking" : undefined}>
                <legend lang="id">{q.name}</legend>
                {uploaded.has(q.code) && (
                  <p>
                    <button type="button" className="small" aria-pressed={viewing === q.code} onClick={() => setViewing(q.code)}>
                      {t("check.view")}
                    </button>
                  </p>
                )}
                {["ok", "missing", "wrong"].map((state) => (
                  <label key={state} className="choice">
                    <input type="radio" name={`check-${q.code}`} checked={m.state === state}
                           onChange={() => set(q.code, { state })} /> {t(`check.${state}`)}
                  </label>
                ))}
                {m.state && m.state !== "ok" && (
                  <p>
                    <label htmlFor={`reason-${q.code}`}>{t("check.reason", { name: q.name })}</label>
                    <input id={`reason-${q.code}`} value={m.reason} required onChange={(e) => set(q.code, { reason: e.target.value })} />
                  </p>
                )}
              </fieldset>
            );
          })}
          <p>
            <label htmlFor="check-note">{t("check.note")}</label>
            <textarea id="check-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </p>
          <p className="buttons">
            {accepts.map((x) => (
              <button key={x.code} type="button" disabled={busy || !allOk} onClick={() => void run(x.code, false)} lang="id">{x.label}</button>
            ))}
            <button type="button" className="secondary" disabled={busy || !canReturn} onClick={() => void run(action.code, true)}>
              {t("check.return")}
            </button>
          </p>
          {/* Why a button cannot be pressed yet. */}
          {!allOk && !canReturn && <p className="hint">{t("check.hint")}</p>}
          {error && <p role="alert" className="error">{error}</p>}
        </div>
        <div className="check-preview">{shown && <DocumentViewer doc={shown} />}</div>
      </div>
    </form>
  );
}

export function ReportForm({ app, actions, onDone }: { app: App; actions: StepAction[]; onDone: () => void }) {
  const { t } = useI18n();
  const [findings, setFindings] = useState("");
  const [conclusion, setConclusion] = useState("");
  const [members, setMembers] = useState("");
  const [note, setNote] = useState("");
  const { busy, error, problems, run } = useAction(async (code: string) => {
    await act(app, { action: code, note, report: { findings: lines(findings), conclusion, members: lines(members) } });
    onDone();
  });
  const fieldNote = useFieldNote(problems);
  const [fNote, cNote, mNote] = [fieldNote("report.findings", "findings"), fieldNote("report.conclusion", "conclusion"),
                                 fieldNote("report.members", "members")];
  return (
    <div>
      <h2>{t("report.title")}</h2>
      <p>
        <label htmlFor="findings">{t("report.findings")}</label>
        <textarea id="findings" rows={4} value={findings} onChange={(e) => setFindings(e.target.value)} {...fNote.attrs} />
        {fNote.note}
      </p>
      <p>
        <label htmlFor="conclusion">{t("report.conclusion")}</label>
        <textarea id="conclusion" rows={2} value={conclusion} onChange={(e) => setConclusion(e.target.value)} {...cNote.attrs} />
        {cNote.note}
      </p>
      <p>
        <label htmlFor="members">{t("report.members")}</label>
        <textarea id="members" rows={3} value={members} onChange={(e) => setMembers(e.target.value)} {...mNote.attrs} />
        {mNote.note}
      </p>
      <p>
        <label htmlFor="report-note">{t("detail.note")}</label>
        <textarea id="report-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </p>
      <p className="buttons">
        {actions.map((x) => (
          <button key={x.code} disabled={busy || !lines(findings).length || !conclusion.trim() || (x.note_required && !note.trim())}
                  onClick={() => void run(x.code)}>
            <span lang="id">{x.label}</span>
          </button>
        ))}
      </p>
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
