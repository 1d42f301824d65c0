// The office's complaints: open ones first with their deadline, the filer's contact, the file
// complained about and the attachments; the admin assigns one to an officer, who (or the admin)
// answers it (the answer goes to the filer and shows in the public lookup) and closes it.
import { useState, type ReactNode } from "react";
import { Link } from "react-router-dom";
import { api } from "../api";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";
import { useSession } from "../session";
import { useAction } from "../useAction";
import { useDurations, when } from "../format";

interface OfficeComplaint {
  id: number;
  number: string;
  status: "received" | "answered" | "closed";
  application_id: number | null;
  registration_number: string | null;
  subject: string;
  body: string;
  answer: string | null;
  filed_at: string;
  due_at: string;
  answered_at: string | null;
  overdue: boolean;
  working_minutes_left: number;
  attachments: { id: number; filename: string; size: number }[];
  filer: { name: string; email: string | null; phone: string | null; with_account: boolean };
  assigned_to: { id: number; name: string } | null;
  answered_by: string | null;
  version: number;
}
interface Officer { id: number; kind: string; full_name: string }

export function OfficeComplaints() {
  const { t } = useI18n();
  const [status, setStatus] = useState("open");
  const [stamp, setStamp] = useState(0);
  const list = useFetch(() => api<{ items: OfficeComplaint[]; open: number; overdue: number }>(
    "GET", `/api/v1/office/complaints${status ? `?status=${status}` : ""}`), [status, stamp]);
  return (
    <section>
      <h1>{t("complaints.title")}</h1>
      <p>
        <label htmlFor="complaint-status">{t("complaints.show")}</label>
        <select id="complaint-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="open">{t("complaint.status.received")}</option>
          <option value="answered">{t("complaint.status.answered")}</option>
          <option value="closed">{t("complaint.status.closed")}</option>
          <option value="">{t("complaints.all")}</option>
        </select>
      </p>
      <Loadable state={list}>
        {(r) => (
          <>
            <p aria-live="polite">{t("complaints.summary", { n: r.items.length, overdue: r.overdue })}</p>
            {r.items.length === 0 ? <p>{t("complaints.empty")}</p>
              : r.items.map((c) => <Item key={c.id} c={c} onDone={() => setStamp((n) => n + 1)} />)}
          </>
        )}
      </Loadable>
    </section>
  );
}

function Item({ c, onDone }: { c: OfficeComplaint; onDone: () => void }) {
  const { t } = useI18n();
  const dur = useDurations();
  const { me } = useSession();
  const [answer, setAnswer] = useState("");
  const [officer, setOfficer] = useState("");
  const isAdmin = me?.kind === "admin";
  const mayHandle = isAdmin || c.assigned_to?.id === me?.id;
  const officers = useFetch(() => (isAdmin && c.status === "received"
    ? api<{ items: Officer[] }>("GET", "/api/v1/office/accounts?status=active").then((r) => r.items.filter((a) => a.kind !== "applicant"))
    : Promise.resolve([] as Officer[])), [isAdmin, c.status]);
  const act = useAction(async (path: string, body: unknown) => {
    await api("POST", `/api/v1/office/complaints/${c.id}/${path}`, body);
    onDone();
  });
  const heading = `complaint-${c.id}`;
  return (
    <article className="complaint-detail" aria-labelledby={heading}>
      <h2 id={heading}>{c.number}: <span lang="id">{c.subject}</span></h2>
      <dl className="result">
        <dt>{t("complaint.status")}</dt>
        <dd>{t(`complaint.status.${c.status}`)}{c.assigned_to && <> · {t("complaints.assigned", { name: c.assigned_to.name })}</>}</dd>
        <dt>{t("complaint.filed")}</dt>
        <dd>{when(c.filed_at)}</dd>
        <dt>{t("complaint.due")}</dt>
        <dd className={c.overdue ? "overdue" : undefined}>
          {when(c.due_at)}
          {c.status === "received" && <> — {c.overdue ? t("left.overdue") : dur.minutes(c.working_minutes_left)}</>}
        </dd>
        <dt>{t("complaints.filer")}</dt>
        <dd>
          {c.filer.name}{c.filer.with_account && <> ({t("complaints.with_account")})</>}
          {c.filer.email && <> · <a href={`mailto:${c.filer.email}`}>{c.filer.email}</a></>}
          {c.filer.phone && <> · <a href={`tel:${c.filer.phone}`}>{c.filer.phone}</a></>}
        </dd>
        {c.registration_number && (
          <>
            <dt>{t("complaint.registration")}</dt>
            <dd><Link to={`/permohonan/${c.application_id}`}>{c.registration_number}</Link></dd>
          </>
        )}
        <dt>{t("complaint.body")}</dt>
        <dd className="answer" lang="id">{c.body}</dd>
        {c.attachments.length > 0 && (
          <>
            <dt>{t("complaint.files")}</dt>
            <dd>
              {c.attachments.map((a) => (
                <a key={a.id} href={`/api/v1/office/complaints/${c.id}/attachments/${a.id}`} target="_blank" rel="noreferrer">
                  {a.filename}
                </a>
              )).reduce<ReactNode[]>((acc, el, i) => (i ? [...acc, ", ", el] : [el]), [])}
            </dd>
          </>
        )}
        {c.answer && (
          <>
            <dt>{t("complaint.answer")} ({when(c.answered_at)}{c.answered_by && <>, {c.answered_by}</>})</dt>
            <dd className="answer" lang="id">{c.answer}</dd>
          </>
        )}
      </dl>
      {isAdmin && c.status === "received" && (
        <form className="inline" onSubmit={(e) => { e.preventDefault(); void act.run("assignment", { officer_id: Number(officer), version: c.version }); }}>
          <label htmlFor={`assign-${c.id}`}>{t("complaints.assign")}</label>
          <select id={`assign-${c.id}`} value={officer} onChange={(e) => setOfficer(e.target.value)} required>
            <option value="">{t("complaints.assign.choose")}</option>
            {(officers.data ?? []).map((o) => <option key={o.id} value={o.id}>{o.full_name}</option>)}
          </select>
          <button type="submit" disabled={act.busy}>{t("complaints.assign.submit")}</button>
        </form>
      )}
      {mayHandle && c.status === "received" && (
        <form onSubmit={(e) => { e.preventDefault(); void act.run("answer", { answer, version: c.version }); }}>
          <label htmlFor={`answer-${c.id}`}>{t("complaint.answer")}</label>
          <textarea id={`answer-${c.id}`} value={answer} onChange={(e) => setAnswer(e.target.value)} required minLength={10}
                    maxLength={4000} rows={4} aria-describedby={`answer-hint-${c.id}`} />
          <p id={`answer-hint-${c.id}`} className="muted">{t("complaints.answer.hint")}</p>
          <button type="submit" disabled={act.busy}>{t("complaints.answer.submit")}</button>
        </form>
      )}
      {mayHandle && c.status === "answered" && (
        <p><button type="button" disabled={act.busy} onClick={() => void act.run("closure", { version: c.version })}>
          {t("complaints.close")}
        </button></p>
      )}
      {act.error && <p role="alert" className="error">{act.error}</p>}
    </article>
  );
}
