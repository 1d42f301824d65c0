// The office's Buku Registrasi (officers and admins): the registered files of a period in
// registration order, filtered by permit and status, a page of 100 lines at a time, and the
// export of the whole period as XLSX, CSV or PDF (the same file the CLI writes).
import { useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../api";
import { useOfficePermits } from "../catalog";
import { dateInWords } from "../format";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";
import { DownloadButtons } from "../DownloadButtons";
import { useSession } from "../session";

interface Line {
  no: number;
  id: number;
  registration_number: string;
  registered: string;
  applicant: string;
  nik: string | null;
  permit: { code: string; name: string };
  step: { number: number; title: string } | null;
  status: string;
  status_label: string;
  steps: { step: number; title: string; date: string; overdue: boolean }[];
  permit_number: string | null;
  decided: string | null;
  office_minutes: number;
  standard: string;
  on_time: boolean | null;
}
interface Page {
  total: number;
  items: Line[];
  next: string | null;
}

const STATUSES = ["in_progress", "with_applicant", "issued", "rejected", "withdrawn"];

// Working minutes as hours and minutes: "3 j 20 m".
const workingTime = (m: number) => (m >= 60 ? `${Math.floor(m / 60)} j ${m % 60} m` : `${m} m`);

export function RegisterBook() {
  const { t } = useI18n();
  const { me } = useSession();
  const today = new Date().toISOString().slice(0, 10);
  const start = `${today.slice(0, 7)}-01`;
  const [form, setForm] = useState({ from: start, to: today, permit: "", status: "" });
  const [asked, setAsked] = useState(form);
  // The cursors of the pages shown so far: [""] is the first page.
  const [cursors, setCursors] = useState<string[]>([""]);
  const permits = useOfficePermits(me?.office ?? "");
  const query = `from=${asked.from}&to=${asked.to}` + (asked.permit ? `&permit=${encodeURIComponent(asked.permit)}` : "") +
    (asked.status ? `&status=${asked.status}` : "");
  const after = cursors[cursors.length - 1];
  const page = useFetch(
    () => api<Page>("GET", `/api/v1/office/register?${query}` + (after ? `&after=${encodeURIComponent(after)}` : "")),
    [query, after],
  );
  if (!me || me.kind === "applicant") return <p role="alert" className="error">{t("regbook.officers_only")}</p>;

  return (
    <section className="register-book">
      <h1>{t("regbook.title")}</h1>
      <form className="inline period" onSubmit={(e) => {
        e.preventDefault();
        setAsked(form);
        setCursors([""]);
      }}>
        <label htmlFor="reg-from">{t("regbook.from")}</label>
        <input id="reg-from" type="date" required value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        <label htmlFor="reg-to">{t("regbook.to")}</label>
        <input id="reg-to" type="date" required value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        <label htmlFor="reg-permit">{t("regbook.permit")}</label>
        <select id="reg-permit" value={form.permit} onChange={(e) => setForm({ ...form, permit: e.target.value })}>
          <option value="">{t("regbook.all")}</option>
          {(permits.data ?? []).map((p) => <option key={p.code} value={p.code} lang="id">{p.name}</option>)}
        </select>
        <label htmlFor="reg-status">{t("regbook.status")}</label>
        <select id="reg-status" value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
          <option value="">{t("regbook.all")}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t(`regbook.status.${s}`)}</option>)}
        </select>
        <button type="submit">{t("regbook.show")}</button>
      </form>
      <DownloadButtons label={t("regbook.export")} path={`/api/v1/office/register/export?${query}`}
        filename={`buku-registrasi-${me.office}-${asked.from}-${asked.to}`} />
      <Loadable state={page}>
        {(p) => (
          <>
            <p className="period-line">
              {t("regbook.summary", { total: p.total, from: dateInWords(asked.from), to: dateInWords(asked.to) })}
            </p>
            {p.items.length === 0 ? <p>{t("regbook.none")}</p> : (
              <div className="table-scroll">
                <table className="register">
                  <caption className="visually-hidden">{t("regbook.title")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">No</th>
                      <th scope="col">{t("regbook.col.number")}</th>
                      <th scope="col">{t("regbook.col.applicant")}</th>
                      <th scope="col">{t("regbook.col.permit")}</th>
                      <th scope="col">{t("regbook.col.status")}</th>
                      <th scope="col">{t("regbook.col.steps")}</th>
                      <th scope="col">{t("regbook.col.decision")}</th>
                      <th scope="col">{t("regbook.col.time")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.items.map((l) => (
                      <tr key={l.id}>
                        <td>{l.no}</td>
                        <td><Link to={`/permohonan/${l.id}`}>{l.registration_number}</Link><br /><small>{dateInWords(l.registered)}</small></td>
                        <td>{l.applicant}{l.nik && <><br /><small>{l.nik}</small></>}</td>
                        <td lang="id">{l.permit.name}</td>
                        <td lang="id">{l.status_label}{l.step && <><br /><small>{l.step.number}. {l.step.title}</small></>}</td>
                        <td>
                          <ol className="steps-done">
                            {l.steps.map((s, i) => (
                              <li key={i} value={s.step} className={s.overdue ? "late" : undefined}>
                                <span lang="id">{s.title}</span>: {dateInWords(s.date)}
                                {s.overdue && <> ({t("regbook.late")})</>}
                              </li>
                            ))}
                          </ol>
                        </td>
                        <td>{l.permit_number ?? ""}{l.decided && <><br /><small>{dateInWords(l.decided)}</small></>}</td>
                        <td>
                          {workingTime(l.office_minutes)} / <span lang="id">{l.standard}</span><br />
                          <small>{l.on_time === null ? "" : l.on_time ? t("regbook.on_time") : t("regbook.not_on_time")}</small>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className="pager">
              {cursors.length > 1 && (
                <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>{t("regbook.previous")}</button>
              )}
              {p.next && <button type="button" onClick={() => setCursors([...cursors, p.next!])}>{t("regbook.next")}</button>}
            </p>
          </>
        )}
      </Loadable>
    </section>
  );
}
