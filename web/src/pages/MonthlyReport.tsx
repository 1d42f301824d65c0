// The monthly report (laporan bulanan, officers and admins): per permit the files received,
// issued, refused and withdrawn in a period and those still in progress at its end, and the share
// of those decided within the SOP's time standard; a bar chart (Chart.js), the table, and the
// report as PDF (with its chart), XLSX or CSV.
import { useEffect, useState } from "react";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { api } from "../api";
import { ChartCanvas } from "../ChartCanvas";
import { DownloadButtons } from "../DownloadButtons";
import { dateInWords, monthEnd } from "../format";
import { useI18n } from "../i18n";
import { ComplaintFigures, type ComplaintTally } from "../ComplaintFigures";
import { Loadable, useFetch } from "../Loadable";
import { useSession } from "../session";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

interface Tally {
  received: number;
  issued: number;
  rejected: number;
  withdrawn: number;
  in_progress: number;
  decided: number;
  decided_on_time: number;
  on_time_percent: number | null;
}
interface Report {
  office_name: string;
  from: string;
  to: string;
  permits: (Tally & { permit: { code: string; name: string } })[];
  total: Tally;
  complaints: ComplaintTally;
}

const percent = (t: Tally) => (t.on_time_percent === null ? "–" : `${t.on_time_percent}%`);
const COLUMNS = ["received", "issued", "rejected", "withdrawn", "in_progress"] as const;
const COLOURS = ["#0b3d66", "#2e7d32", "#b3261e", "#6b6b6b", "#c46a00"];

function PermitChart({ r }: { r: Report }) {
  const { t } = useI18n();
  return (
    <ChartCanvas label={t("monthly.chart")} deps={[r]} build={(c) => new Chart(c, {
      type: "bar",
      data: {
        labels: r.permits.map((p) => p.permit.name),
        datasets: COLUMNS.map((k, i) => ({ label: t(`monthly.col.${k}`), data: r.permits.map((p) => p[k]), backgroundColor: COLOURS[i] })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: t("monthly.files_axis") } } },
      },
    })} />
  );
}

function Row({ name, tally, header }: { name: string; tally: Tally; header?: boolean }) {
  const Cell = header ? "th" : "td";
  return (
    <tr>
      <th scope="row" lang="id">{name}</th>
      {COLUMNS.map((k) => <Cell key={k}>{tally[k]}</Cell>)}
      <Cell>{tally.decided_on_time} / {tally.decided}</Cell>
      <Cell>{percent(tally)}</Cell>
    </tr>
  );
}

export function MonthlyReport() {
  const { t } = useI18n();
  const { me } = useSession();
  const [form, setForm] = useState({ month: "", from: "", to: "" });
  // First the office's current month as the server counts it (its zone, its clock), then what is asked.
  const [asked, setAsked] = useState({ from: "", to: "" });
  const query = [asked.from && `from=${asked.from}`, asked.to && `to=${asked.to}`].filter(Boolean).join("&");
  const report = useFetch(() => api<Report>("GET", `/api/v1/office/report?${query}`), [query]);
  const shown = report.data;
  useEffect(() => {
    if (shown && !asked.from) setForm({ month: shown.from.slice(0, 7), from: shown.from, to: shown.to });
  }, [shown, asked.from]);
  if (!me || me.kind === "applicant") return <p role="alert" className="error">{t("monthly.officers_only")}</p>;

  return (
    <section className="monthly-report">
      <h1>{t("monthly.title")}</h1>
      <form className="inline period" onSubmit={(e) => {
        e.preventDefault();
        setAsked({ from: form.from, to: form.to });
      }}>
        <label htmlFor="report-month">{t("monthly.month")}</label>
        <input id="report-month" type="month" value={form.month} onChange={(e) => {
          const month = e.target.value;
          setForm(month ? { month, from: `${month}-01`, to: monthEnd(month) } : { ...form, month });
        }} />
        <label htmlFor="report-from">{t("monthly.from")}</label>
        <input id="report-from" type="date" required value={form.from}
          onChange={(e) => setForm({ ...form, month: "", from: e.target.value })} />
        <label htmlFor="report-to">{t("monthly.to")}</label>
        <input id="report-to" type="date" required value={form.to}
          onChange={(e) => setForm({ ...form, month: "", to: e.target.value })} />
        <button type="submit">{t("monthly.show")}</button>
      </form>
      {shown && (
        // The figures shown: their period, whichever way it was asked for.
        <DownloadButtons label={t("monthly.export")} path={`/api/v1/office/report/export?from=${shown.from}&to=${shown.to}`}
          filename={`laporan-bulanan-${me.office}-${shown.from}-${shown.to}`} />
      )}
      <Loadable state={report}>
        {(r) => (
          <>
            <p className="period-line">{t("monthly.period", { office: r.office_name, from: dateInWords(r.from), to: dateInWords(r.to) })}</p>
            <dl className="result">
              <dt>{t("monthly.col.received")}</dt>
              <dd>{r.total.received}</dd>
              <dt>{t("monthly.col.issued")}</dt>
              <dd>{r.total.issued}</dd>
              <dt>{t("monthly.col.rejected")}</dt>
              <dd>{r.total.rejected}</dd>
              <dt>{t("monthly.on_time")}</dt>
              <dd><strong>{percent(r.total)}</strong></dd>
            </dl>
            <PermitChart r={r} />
            <div className="table-scroll">
              <table className="report">
                <caption>{t("monthly.table_caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("monthly.col.permit")}</th>
                    {COLUMNS.map((k) => <th key={k} scope="col">{t(`monthly.col.${k}`)}</th>)}
                    <th scope="col">{t("monthly.col.decided_on_time")}</th>
                    <th scope="col">{t("monthly.on_time")}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.permits.map((p) => <Row key={p.permit.code} name={p.permit.name} tally={p} />)}
                </tbody>
                <tfoot>
                  <Row name={t("monthly.total")} tally={r.total} header />
                </tfoot>
              </table>
            </div>
            <p className="hint">{t("monthly.explain")}</p>
            <ComplaintFigures c={r.complaints} openLabel={t("complaints.open_end")} />
          </>
        )}
      </Loadable>
    </section>
  );
}
