// The Mutu Baku dashboard (officers and admins): how the office keeps to its SOPs' time
// standards in a period: per permit and step the median and 90th percentile of the working time
// against the standard (a bar chart), the monthly trend of steps done and the share on time (a
// line chart, both Chart.js), the same figures per officer in a table, and the files past their
// step's deadline now.
import { useEffect, useState } from "react";
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from "chart.js";
import { Link } from "react-router-dom";
import { api } from "../api";
import { ChartCanvas } from "../ChartCanvas";
import { useOfficePermits } from "../catalog";
import { DownloadButtons } from "../DownloadButtons";
import { dateInWords, monthEnd, useDurations } from "../format";
import { useI18n } from "../i18n";
import { ComplaintFigures, type ComplaintTally } from "../ComplaintFigures";
import { Loadable, useFetch } from "../Loadable";
import { useSession } from "../session";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

interface Times { handled: number; on_time: number; median_minutes: number | null; p90_minutes: number | null }
interface StepFigures extends Times {
  sop_code: string;
  permit: { code: string; name: string };
  step: number;
  title: string;
  role: string;
  standard: string | null;
  standard_minutes: number | null;
  officers: (Times & { id: number; name: string })[];
}
interface Dashboard {
  office_name: string;
  from: string;
  to: string;
  as_of: string;
  handled: number;
  on_time: number;
  steps: StepFigures[];
  trend: { month: string; handled: number; on_time: number }[];
  overdue: {
    total: number;
    items: { id: number; registration_number: string; permit_name: string; step: { number: number; title: string; role: string };
      deadline: string; overdue_minutes: number }[];
  };
  complaints: ComplaintTally;
}

const share = (part: number, whole: number) => (whole === 0 ? "–" : `${Math.round((part * 1000) / whole) / 10}%`);

function StepChart({ d }: { d: Dashboard }) {
  const { t } = useI18n();
  const steps = d.steps.filter((s) => s.handled > 0);
  return (
    <ChartCanvas label={t("mutu.chart_steps")} deps={[d]} build={(c) => new Chart(c, {
      type: "bar",
      data: {
        labels: steps.map((s) => `${s.permit.code} · ${s.step}`),
        datasets: [
          { type: "bar", label: t("mutu.median"), data: steps.map((s) => s.median_minutes ?? 0), backgroundColor: "#0b3d66" },
          { type: "bar", label: t("mutu.p90"), data: steps.map((s) => s.p90_minutes ?? 0), backgroundColor: "#6c9bc4" },
          { type: "line", label: t("mutu.standard"), data: steps.map((s) => s.standard_minutes), borderColor: "#b3261e",
            backgroundColor: "#b3261e", showLine: false, pointStyle: "line", pointRadius: 14, pointBorderWidth: 3 },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: t("mutu.minutes_axis") } } },
        plugins: { tooltip: { callbacks: { title: (items) => {
          const s = steps[items[0].dataIndex];
          return s ? `${s.permit.name} · ${s.step}. ${s.title}` : "";
        } } } },
      },
    })} />
  );
}

function TrendChart({ d }: { d: Dashboard }) {
  const { t } = useI18n();
  return (
    <ChartCanvas label={t("mutu.chart_trend")} deps={[d]} build={(c) => new Chart(c, {
      type: "bar",
      data: {
        labels: d.trend.map((m) => m.month),
        datasets: [
          { type: "bar", label: t("mutu.handled"), data: d.trend.map((m) => m.handled), backgroundColor: "#6c9bc4", yAxisID: "y" },
          { type: "line", label: t("mutu.on_time_share"), yAxisID: "share", borderColor: "#0b3d66", backgroundColor: "#0b3d66",
            data: d.trend.map((m) => (m.handled ? Math.round((m.on_time * 1000) / m.handled) / 10 : null)), spanGaps: true },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, position: "left", title: { display: true, text: t("mutu.handled") } },
          share: { min: 0, max: 100, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: "%" } },
        },
      },
    })} />
  );
}

export function MutuBaku() {
  const { t } = useI18n();
  const { me } = useSession();
  const durations = useDurations();
  const month = new Date().toISOString().slice(0, 7);
  const [form, setForm] = useState({ from: `${month}-01`, to: monthEnd(month), permit: "" });
  // First the office's current month as the server counts it (its zone, its clock), then what is asked.
  const [asked, setAsked] = useState({ from: "", to: "", permit: "" });
  const permits = useOfficePermits(me?.office ?? "");
  const query = [asked.from && `from=${asked.from}`, asked.to && `to=${asked.to}`,
    asked.permit && `permit=${encodeURIComponent(asked.permit)}`].filter(Boolean).join("&");
  const figures = useFetch(() => api<Dashboard>("GET", `/api/v1/office/dashboard?${query}`), [query]);
  const shown = figures.data;
  useEffect(() => {
    if (shown && !asked.from) setForm((f) => ({ ...f, from: shown.from, to: shown.to }));
  }, [shown, asked.from]);
  if (!me || me.kind === "applicant") return <p role="alert" className="error">{t("mutu.officers_only")}</p>;
  const time = (m: number | null) => (m === null ? "–" : durations.minutes(m));

  return (
    <section className="mutu-baku">
      <h1>{t("mutu.title")}</h1>
      <form className="inline period" onSubmit={(e) => {
        e.preventDefault();
        setAsked(form);
      }}>
        <label htmlFor="mutu-from">{t("mutu.from")}</label>
        <input id="mutu-from" type="date" required value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        <label htmlFor="mutu-to">{t("mutu.to")}</label>
        <input id="mutu-to" type="date" required value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        <label htmlFor="mutu-permit">{t("mutu.permit")}</label>
        <select id="mutu-permit" value={form.permit} onChange={(e) => setForm({ ...form, permit: e.target.value })}>
          <option value="">{t("mutu.all")}</option>
          {(permits.data ?? []).map((p) => <option key={p.code} value={p.code} lang="id">{p.name}</option>)}
        </select>
        <button type="submit">{t("mutu.show")}</button>
      </form>
      {shown && (
        // The figures shown: their period, whichever way it was asked for.
        <DownloadButtons label={t("mutu.export")}
          path={`/api/v1/office/dashboard/export?from=${shown.from}&to=${shown.to}` +
            (asked.permit ? `&permit=${encodeURIComponent(asked.permit)}` : "")}
          filename={`mutu-baku-${me.office}-${shown.from}-${shown.to}`} />
      )}
      <Loadable state={figures}>
        {(d) => (
          <>
            <p className="period-line">{t("mutu.period", { from: dateInWords(d.from), to: dateInWords(d.to) })}</p>
            <dl className="result">
              <dt>{t("mutu.handled")}</dt>
              <dd>{d.handled}</dd>
              <dt>{t("mutu.on_time_share")}</dt>
              <dd><strong>{share(d.on_time, d.handled)}</strong></dd>
              <dt>{t("mutu.overdue_now")}</dt>
              <dd>{d.overdue.total}</dd>
            </dl>
            {d.handled === 0 ? <p>{t("mutu.none")}</p> : <StepChart d={d} />}
            <h2>{t("mutu.trend")}</h2>
            <TrendChart d={d} />
            <ComplaintFigures c={d.complaints} openLabel={t("complaints.open_now")} />
            {d.steps.length > 0 && (
              <div className="table-scroll">
                <table className="mutu">
                  <caption>{t("mutu.table_caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("mutu.col.step")}</th>
                      <th scope="col">{t("mutu.col.officer")}</th>
                      <th scope="col">{t("mutu.standard")}</th>
                      <th scope="col">{t("mutu.handled")}</th>
                      <th scope="col">{t("mutu.on_time_share")}</th>
                      <th scope="col">{t("mutu.median")}</th>
                      <th scope="col">{t("mutu.p90")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.steps.flatMap((s) => [
                      <tr key={`${s.sop_code}-${s.step}`} className="step-row">
                        <th scope="row" lang="id">{s.permit.name}<br /><small>{s.step}. {s.title} ({s.role})</small></th>
                        <td>{t("mutu.all_officers")}</td>
                        <td lang="id">{s.standard ?? "–"}</td>
                        <td>{s.handled}</td>
                        <td>{share(s.on_time, s.handled)}</td>
                        <td>{time(s.median_minutes)}</td>
                        <td>{time(s.p90_minutes)}</td>
                      </tr>,
                      ...s.officers.map((o) => (
                        <tr key={`${s.sop_code}-${s.step}-${o.id}`}>
                          <td />
                          <td>{o.name}</td>
                          <td />
                          <td>{o.handled}</td>
                          <td>{share(o.on_time, o.handled)}</td>
                          <td>{time(o.median_minutes)}</td>
                          <td>{time(o.p90_minutes)}</td>
                        </tr>
                      )),
                    ])}
                  </tbody>
                </table>
              </div>
            )}
            <h2>{t("mutu.overdue_title", { total: d.overdue.total })}</h2>
            {d.overdue.items.length === 0 ? <p>{t("mutu.no_overdue")}</p> : (
              <div className="table-scroll">
                <table className="overdue">
                  <thead>
                    <tr>
                      <th scope="col">{t("mutu.col.file")}</th>
                      <th scope="col">{t("mutu.col.step")}</th>
                      <th scope="col">{t("mutu.col.overdue_by")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.overdue.items.map((o) => (
                      <tr key={o.id}>
                        <th scope="row"><Link to={`/permohonan/${o.id}`}>{o.registration_number}</Link><br /><small lang="id">{o.permit_name}</small></th>
                        <td lang="id">{o.step.number}. {o.step.title} ({o.step.role})</td>
                        <td>{time(o.overdue_minutes)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Loadable>
    </section>
  );
}
