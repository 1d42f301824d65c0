import { useState, type ReactNode } from "react";
import { useParams } from "react-router-dom";
import { api, type Permit } from "../api";
import { allFields, displayValue, localText, shownIn, type FormValues } from "../FormFields";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";
import { useAction } from "../useAction";
import { useDescribe } from "../problem";
import { when, type Deadline, type TimeStandard } from "../format";
import { Checklist, ReportForm, type StepAction } from "./StepWork";
import { ScheduleSection } from "./Schedule";
import { Uploader } from "./Uploader";
import { DataEditor } from "./DataEditor";
import { StepTimeline } from "./StepTimeline";
import { StepTracker } from "./StepTracker";
import { StatusBanner } from "./StatusBanner";
import { SurveyForm } from "./SurveyForm";
import { History, type HistoryEvent } from "./History";
import { useSession } from "../session";
import { DocumentViewer, ViewButton, type Viewable } from "./DocumentViewer";

interface Detail {
  id: number;
  office: string;
  sop: string;
  sop_version: number;
  version: number;
  permit: string;
  created_at: string;
  registration_number: string | null;
  permit_number: string | null;
  phase: string;
  outcome: string;
  applicant: { name: string };
  data: FormValues;
  step: { no: number; title: string; description: string; actor_name: string; time: string; time_standard: TimeStandard | null };
  deadline: Deadline | null;
  actions: StepAction[];
  requirements: { code: string; name: string; mandatory: boolean }[];
  documents: { id: number; requirement: string; revision: number; filename: string; content_type: string }[];
  generated_documents: { id: number; kind: string; status: string; signed: boolean; created_at: string; print_count: number;
                         printed_at: string | null; delivered_at: string | null }[];
  return_reasons: { requirement: string; reason: string }[];
  applicants_part: boolean; // the applicant, or the counter in a file it opened for a walk-in
  opened_at_counter: boolean;
  survey: "open" | "answered" | null; // the satisfaction survey, for the applicant of a handed-over file
}

export function ApplicationDetail() {
  const { t, lang } = useI18n();
  const { id } = useParams();
  const [version, setVersion] = useState(0);
  // Kept here: after an action the page reloads and the step's buttons may be gone.
  const [notice, setNotice] = useState<string | null>(() =>
    new URLSearchParams(window.location.search).has("baru") ? t("apply.next") : null);
  const { me } = useSession();
  const officer = me !== null && me !== undefined && me.kind !== "applicant";
  // The document shown inline; undefined until the user picks one (see draftPreview).
  const [viewing, setViewing] = useState<Viewable | null | undefined>(undefined);
  const detail = useFetch(() => api<Detail>("GET", `/api/v1/applications/${id}`), [id, version]);
  // The form of the SOP version the file runs under: labels for its data and its history.
  const sopRef = detail.data ? `${encodeURIComponent(detail.data.sop)}/versions/${detail.data.sop_version}` : "";
  const permit = useFetch(() => (sopRef ? api<Permit>("GET", `/api/v1/sops/${sopRef}`) : Promise.resolve(null)), [sopRef]);
  const fields = permit.data ? allFields(permit.data.form) : [];
  const fieldLabel = (key: string) => localText(fields.find((f) => f.key === key)?.label, lang) || key;
  const requirementName = (code: string) => detail.data?.requirements.find((q) => q.code === code)?.name ?? code;
  const timeline = useFetch(
    () => api<{ events: HistoryEvent[] }>("GET", `/api/v1/applications/${id}/timeline`).then((r) => r.events),
    [id, version],
  );
  return (
    <section>
      {notice && <p role="status" className="notice">{notice}</p>}
      <Loadable state={detail}>
        {(a) => (
          <>
            <h1>{t("detail.title", { number: a.registration_number ?? t("detail.draft") })}</h1>
            <StatusBanner a={a} applicant={me?.kind === "applicant"} />
            {a.survey === "open" && (
              <SurveyForm applicationId={a.id} onAnswered={() => {
                setNotice(t("survey.thanks"));
                setVersion((v) => v + 1);
              }} />
            )}
            {a.survey === "answered" && <p className="notice">{t("survey.answered")}</p>}
            <StepTracker office={a.office} sop={a.sop} current={a.step.no} closed={a.phase === "closed"} />
            {/* The page's parts, one tap away on a phone too: the bar stays at the top while scrolling. */}
            <nav className="sections" aria-label={t("sections.label")}>
              <a href="#data">{t("sections.data")}</a>
              <a href="#dokumen">{t("sections.documents")}</a>
              {(a.actions.length > 0 || (a.applicants_part && applicantsToChange(a))) && (
                <a href="#tindakan">{t("sections.actions")}</a>
              )}
              <a href="#riwayat">{t("sections.history")}</a>
            </nav>
            <h2 id="data">{t("detail.data")}</h2>
            <dl className="result">
              <dt>{t("col.permit")}</dt>
              <dd lang="id">{a.permit}</dd>
              <dt>{t("col.applicant")}</dt>
              <dd>{a.applicant.name}{a.opened_at_counter && <> · {t("detail.walk_in")}</>}</dd>
              {a.permit_number && (
                <>
                  <dt>{t("status.permit_number")}</dt>
                  <dd>{a.permit_number}</dd>
                </>
              )}
              {permit.data && <FormData permit={permit.data} data={a.data ?? {}} />}
            </dl>
            {a.return_reasons.length > 0 && (
              <>
                <h2>{t("detail.returns")}</h2>
                <ul>
                  {a.return_reasons.map((r) => (
                    <li key={r.requirement}>
                      <strong>{requirementName(r.requirement)}</strong>: {r.reason}
                    </li>
                  ))}
                </ul>
                {returnNote(timeline.data) && <p className="note">{t("detail.return_note", { note: returnNote(timeline.data)! })}</p>}
              </>
            )}
            {(() => {
              const requirementDocs = a.documents.map((d) => {
                const title = `${a.requirements.find((q) => q.code === d.requirement)?.name ?? d.requirement} (rev. ${d.revision})`;
                return {
                  doc: { key: `d${d.id}`, title, url: `/api/v1/applications/${a.id}/documents/${d.id}`, type: d.content_type },
                  label: `${title}: ${d.filename}`,
                };
              });
              const issued = a.generated_documents.filter((g) => g.status === "ready").map((g) => ({
                g,
                doc: { key: `g${g.id}`, title: t(`doc.${g.kind}`), url: `/api/v1/applications/${a.id}/generated-documents/${g.id}`,
                       type: "application/pdf" },
              }));
              // A draft under decision is shown beside the decision (DecisionPanel), not up here.
              const deciding = officer && a.actions.length > 0 && draftLetter(a, t) !== null;
              const shown = viewing === undefined ? (officer && !deciding ? draftLetter(a, t) : null) : viewing;
              return (
                <>
                  {shown && viewing === undefined && <h2>{t("viewer.preview")}</h2>}
                  {shown && <DocumentViewer doc={shown} onClose={() => setViewing(null)} />}
                  <h2 id="dokumen">{t("detail.documents")}</h2>
                  <ul>
                    {requirementDocs.map(({ doc, label }) => (
                      <li key={doc.key}>
                        <a href={doc.url} target="_blank" rel="noopener">{label}</a>{" "}
                        <ViewButton doc={doc} viewing={shown?.key === doc.key} onView={setViewing} />
                      </li>
                    ))}
                  </ul>
                  <h2>{t("detail.generated")}</h2>
                  <ul>
                    {a.generated_documents.map((g) => {
                      const ready = issued.find((x) => x.g.id === g.id);
                      if (!ready)
                        return (
                          <li key={g.id}>
                            {t(`doc.${g.kind}`)} ({t("detail.pending")})
                          </li>
                        );
                      return (
                        <li key={g.id}>
                          <a href={ready.doc.url} target="_blank" rel="noopener">{ready.doc.title}</a>
                          {g.signed && <> ({t("detail.signed")})</>}{" "}
                          {/* An applicant's opening of a permit records its delivery: only on request. */}
                          {officer && <ViewButton doc={ready.doc} viewing={shown?.key === ready.doc.key} onView={setViewing} />}
                          {officer && (
                            <RecordButton appId={a.id} docId={g.id} record="printed" label={t("print.button")}
                                          onDone={() => setVersion((v) => v + 1)}>
                              {g.print_count > 0 && <> ({t("print.count", { count: g.print_count })})</>}
                            </RecordButton>
                          )}
                          {officer && g.delivered_at && <> — {t("handover.received", { when: when(g.delivered_at) })}</>}
                          {officer && g.signed && g.printed_at && !g.delivered_at && (
                            <RecordButton appId={a.id} docId={g.id} record="handover" label={t("handover.button")}
                                          onDone={() => setVersion((v) => v + 1)} />
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </>
              );
            })()}
            <div id="tindakan" className="anchor">
              {a.applicants_part && applicantsToChange(a) && (
                <DataEditor key={a.version} appId={a.id} sop={a.sop} sopVersion={a.sop_version} data={a.data ?? {}}
                            onSaved={() => setVersion((v) => v + 1)} />
              )}
              {a.applicants_part && applicantsToChange(a) && (
                <Uploader
                  appId={a.id}
                  requirements={a.requirements}
                  have={new Set(a.documents.map((d) => d.requirement))}
                  returned={new Set(a.return_reasons.map((r) => r.requirement))}
                  onUploaded={() => setVersion((v) => v + 1)}
                />
              )}
              <ScheduleSection appId={a.id} offset={a.created_at.slice(-6)} version={version}
                               canSet={a.actions.some((x) => x.produces.includes("undangan"))}
                               onSaved={() => {
                                 setNotice(t("schedule.done"));
                                 setVersion((v) => v + 1);
                               }} />
              {a.actions.length > 0 && (() => {
                const forms = (
                  <StepForms
                    app={a}
                    onDone={() => {
                      setNotice(t("detail.act.done"));
                      setVersion((v) => v + 1);
                    }}
                  />
                );
                const draft = officer ? draftLetter(a, t) : null;
                // Verifying or signing a letter: the draft and the decision side by side.
                return draft ? (
                  <div className="decision">
                    <section className="decision-draft" aria-labelledby="draft-heading">
                      <h2 id="draft-heading">{t("viewer.preview")}</h2>
                      <DocumentViewer doc={draft} />
                    </section>
                    <div className="decision-actions">{forms}</div>
                  </div>
                ) : forms;
              })()}
            </div>
            {timeline.data && (
              <StepTimeline office={a.office} sop={a.sop} current={a.step.no} closed={a.phase === "closed"}
                            events={timeline.data} />
            )}
          </>
        )}
      </Loadable>
      <h2 id="riwayat">{t("detail.timeline")}</h2>
      <Loadable state={timeline}>
        {(events) => (
          <History events={events} requirementName={requirementName} fieldLabel={fieldLabel} />
        )}
      </Loadable>
    </section>
  );
}

// The front office's own note with the latest return (the event that carries the reasons).
function returnNote(events: HistoryEvent[] | null): string | null {
  const last = [...(events ?? [])].reverse().find((e) => Array.isArray(e.details?.reasons));
  return last?.note || null;
}

// The file is the applicant's to change (data and documents): a draft not yet submitted, or
// returned to them (the server's rule in service/applications.cpp, with_applicant).
function applicantsToChange(a: Detail): boolean {
  return a.phase === "with_applicant" || (a.phase === "at_step" && !a.registration_number);
}

// What an officer sees first: the newest permit or refusal letter (the draft under review, or
// the signed one once the head has signed), else nothing.
function draftLetter(a: Detail, t: (key: string) => string): Viewable | null {
  const letters = a.generated_documents.filter((g) => g.status === "ready" && (g.kind === "izin" || g.kind === "penolakan"));
  if (letters.length === 0) return null;
  const g = letters[letters.length - 1];
  return { key: `g${g.id}`, title: t(`doc.${g.kind}`), url: `/api/v1/applications/${a.id}/generated-documents/${g.id}`,
           type: "application/pdf" };
}

// Everything the current step offers (the schedule is set above, in ScheduleSection): the
// report where it is required, the checklist where a file can be returned, and plain actions.
function StepForms({ app, onDone }: { app: Detail; onDone: () => void }) {
  const reports = app.actions.filter((x) => x.report_required);
  const returns = app.actions.find((x) => x.returns_file);
  // Where the file can be returned, accepting it belongs to the checklist too.
  const accepts = returns
    ? app.actions.filter((x) => !x.returns_file && !x.report_required && !x.note_required && x.code !== "withdrawn")
    : [];
  return (
    <>
      {reports.length > 0 && <ReportForm app={app} actions={reports} onDone={onDone} />}
      <Actions app={app} exclude={accepts} onDone={onDone} />
      {returns && <Checklist app={app} action={returns} accepts={accepts} onDone={onDone} />}
    </>
  );
}

// The step's plain actions (no report, no return), with a note where the SOP asks for one.
function Actions({ app, exclude, onDone }: { app: Detail; exclude: StepAction[]; onDone: () => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState("");
  // Withdrawing ends the file for good, and signing puts the head's name under a decision: both
  // are asked once more, showing what will happen, before they are sent.
  const [confirming, setConfirming] = useState<StepAction | null>(null);
  const plain = app.actions.filter((x) => !x.returns_file && !x.report_required && !exclude.includes(x));
  const needsNote = plain.some((x) => x.note_required);
  const describe = useDescribe();
  const names = Object.fromEntries(app.requirements.map((q) => [q.code, q.name]));
  const { busy, error, run } = useAction(
    async (code: string) => {
      await api("POST", `/api/v1/applications/${app.id}/actions`, { action: code, note, version: app.version });
      onDone();
      return true;
    },
    (e) => describe(e, names), // a refusal lists requirement codes; the applicant reads their names
  );
  if (plain.length === 0) return null;
  return (
    <div>
      <h2>{t("detail.actions")}</h2>
      <p>
        <label htmlFor="note">{needsNote ? t("detail.note_required") : t("detail.note")}</label>
        <textarea id="note" value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      </p>
      <p className="buttons">
        {plain.map((x) => (
          <button key={x.code} disabled={busy || (x.note_required && !note.trim())}
                  onClick={() => (x.code === "withdrawn" || x.signs ? setConfirming(x) : void run(x.code))}>
            <span lang="id">{x.label}</span>
          </button>
        ))}
      </p>
      {confirming?.code === "withdrawn" && (
        <div role="alertdialog" aria-labelledby="withdraw-question" className="confirm">
          <p id="withdraw-question">{t("detail.withdraw_question")}</p>
          <p className="buttons">
            <button disabled={busy} onClick={() => { setConfirming(null); void run("withdrawn"); }}>
              {t("detail.withdraw_confirm")}
            </button>
            <button className="secondary" onClick={() => setConfirming(null)}>{t("detail.withdraw_cancel")}</button>
          </p>
        </div>
      )}
      {confirming?.signs && (
        // What is signed, for whom, and in whose name. A remote signing service (BSrE) asks here
        // for the signer's passphrase or one-time code, before the action is sent.
        <div role="alertdialog" aria-labelledby="sign-question" aria-describedby="sign-what" className="confirm">
          <p id="sign-question"><strong>{t("sign.question", { action: confirming.label })}</strong></p>
          <ul id="sign-what">
            {confirming.documents.map((k) => <li key={k}>{t(`doc.${k}`)}</li>)}
          </ul>
          <p>{t("sign.detail", { registration: app.registration_number ?? "-", applicant: app.applicant.name })}</p>
          <p className="muted">{t("sign.check_draft")}</p>
          <p className="buttons">
            <button disabled={busy} onClick={() => { const code = confirming.code; setConfirming(null); void run(code); }}>
              {t("sign.confirm")}
            </button>
            <button className="secondary" onClick={() => setConfirming(null)}>{t("sign.cancel")}</button>
          </p>
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}

// Officers record what they did with an issued document, in the audit trail: each print, and
// the handover of a printed, signed letter at the counter (the SOP's last duty).
function RecordButton({ appId, docId, record, label, onDone, children }: {
  appId: number; docId: number; record: "printed" | "handover"; label: string; onDone: () => void; children?: ReactNode;
}) {
  const { busy, error, run } = useAction(async () => {
    await api("POST", `/api/v1/applications/${appId}/generated-documents/${docId}/${record}`, {});
    onDone();
  });
  return (
    <>
      {" "}
      <button className="small" disabled={busy} onClick={() => void run()}>{label}</button>
      {children}
      {error && <span role="alert" className="error"> {error}</span>}
    </>
  );
}

// The form data, labelled by the form of the SOP version the application runs under.
function FormData({ permit, data }: { permit: Permit; data: FormValues }) {
  const { lang, t } = useI18n();
  return (
    <>
      {allFields(permit.form)
        .filter((f) => shownIn(f, data) && data[f.key] !== undefined)
        .map((f) => (
          <div key={f.key} className="pair">
            <dt>{localText(f.label, lang)}</dt>
            <dd>{displayValue(f, data[f.key], lang, t)}</dd>
          </div>
        ))}
    </>
  );
}
