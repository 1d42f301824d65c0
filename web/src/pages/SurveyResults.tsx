// The office's satisfaction survey results (officers and admins): the IKM of a period with its
// grade, each element's NRR as a bar chart (Chart.js) and as a table, the respondents' profile in
// aggregate and the comments, never with names.
import { useEffect, useRef, useState } from "react";
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";
import { api, type IkmFigures } from "../api";
import { DownloadButtons } from "../DownloadButtons";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";
import { useSession } from "../session";
import { dayInWords, locale } from "../format";

// A figure with `digits` decimals in the page's language: 97,13 in Indonesian, 97.13 in English.
const decimal = (n: number, digits: number) =>
  n.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

interface Report extends IkmFigures {
  elements: { no: number; name: string; nrr: number; nrr_weighted: number }[];
  profile: { key: string; label: string; counts: { code: string; label: string; count: number }[] }[];
  comments: { date: string; permit: string; text: string }[];
}

function NrrChart({ report, label }: { report: Report; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: report.elements.map((e) => `U${e.no}`),
        datasets: [{ label: "NRR", data: report.elements.map((e) => e.nrr), backgroundColor: "#0b3d66" }],
      },
      options: {
        indexAxis: "y",
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { min: 0, max: 4 } },
        plugins: { tooltip: { callbacks: { title: (items) => report.elements[items[0].dataIndex]?.name ?? "" } } },
      },
    });
    return () => chart.destroy();
  }, [report]);
  // The table below holds the same figures for screen readers.
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

export function SurveyResults() {
  const { t } = useI18n();
  const { me } = useSession();
  const today = new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [asked, setAsked] = useState({ from: `${today.slice(0, 4)}-01-01`, to: today });
  const report = useFetch(() => api<Report>("GET", `/api/v1/office/survey?from=${asked.from}&to=${asked.to}`), [asked.from, asked.to]);
  if (!me || me.kind === "applicant") return <p role="alert" className="error">{t("survey.officers_only")}</p>;
  return (
    <section className="survey-results">
      <h1>{t("survey.results_title")}</h1>
      <form className="inline period" onSubmit={(e) => {
        e.preventDefault();
        setAsked({ from, to });
      }}>
        <label htmlFor="survey-from">{t("survey.from")}</label>
        <input id="survey-from" type="date" required value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor="survey-to">{t("survey.to")}</label>
        <input id="survey-to" type="date" required value={to} onChange={(e) => setTo(e.target.value)} />
        <button type="submit">{t("survey.show")}</button>
      </form>
      <DownloadButtons label={t("survey.export")}
        path={`/api/v1/office/survey/export?from=${asked.from}&to=${asked.to}`}
        filename={`ikm-${me.office}-${asked.from}-${asked.to}`} />
      <Loadable state={report}>
        {(r) => (
          <>
            <p className="period-line">{t("survey.period", { from: dayInWords(r.from), to: dayInWords(r.to) })}</p>
            {r.respondents === 0 ? <p>{t("survey.none")}</p> : (
              <>
                <dl className="result ikm">
                  <dt>{t("survey.ikm")}</dt>
                  <dd><strong>{decimal(r.ikm ?? 0, 2)}</strong> — {t("survey.grade", { grade: r.grade ?? "", label: r.grade_label ?? "" })}</dd>
                  <dt>{t("survey.respondents")}</dt>
                  <dd>{r.respondents}</dd>
                </dl>
                <NrrChart report={r} label={t("survey.chart_label")} />
                <table className="nrr">
                  <caption>{t("survey.nrr_caption")}</caption>
                  <thead>
                    <tr><th scope="col">{t("survey.element")}</th><th scope="col">NRR</th><th scope="col">{t("survey.weighted")}</th></tr>
                  </thead>
                  <tbody>
                    {r.elements.map((e) => (
                      <tr key={e.no}>
                        <th scope="row" lang="id">U{e.no} {e.name}</th>
                        <td>{decimal(e.nrr, 2)}</td>
                        <td>{decimal(e.nrr_weighted, 3)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <h2>{t("survey.profile")}</h2>
                {r.profile.map((p) => (
                  <p key={p.key} lang="id">
                    <strong>{p.label}:</strong> {p.counts.filter((c) => c.count > 0).map((c) => `${c.label} ${c.count}`).join(" · ")}
                  </p>
                ))}
                <h2>{t("survey.comments")}</h2>
                {r.comments.length === 0 ? <p>{t("survey.no_comments")}</p> : (
                  <ul className="cards">
                    {r.comments.map((c, i) => <li key={i}><small>{dayInWords(c.date)}</small><br /><span lang="id">{c.text}</span></li>)}
                  </ul>
                )}
              </>
            )}
          </>
        )}
      </Loadable>
    </section>
  );
}
