import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../api";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";
import { locale, useDurations, when, type Deadline } from "../format";
import { Notices } from "./Notices";

interface Item {
  id: number;
  registration_number: string | null;
  permit: string;
  applicant: string;
  overdue: boolean;
  step: { no: number; title: string; description: string; actor_name: string; time: string };
  step_started_at: string;
  deadline: Deadline | null;
  arrived: "forwarded" | "resubmitted" | "sent_back";
  arrived_from: number | null;
  new: boolean;
}
type SortKey = "deadline" | "permit" | "registration";

export function Worklist() {
  const { t } = useI18n();
  const [filter, setFilter] = useState("");
  const [sort, setSort] = useState<SortKey>("deadline");
  const [stamp, setStamp] = useState(() => new Date());
  const items = useFetch(() => api<{ items: Item[] }>("GET", "/api/v1/worklist").then((r) => r.items), [stamp]);
  // New work arrives without a reload: refresh every 30 seconds.
  useEffect(() => {
    const timer = setInterval(() => setStamp(new Date()), 30000);
    return () => clearInterval(timer);
  }, []);
  return (
    <section>
      <h1>{t("work.title")}</h1>
      <Notices stamp={stamp} />
      <div className="controls">
        <p>
          <label htmlFor="filter">{t("work.filter")}</label>
          <input id="filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </p>
        <p>
          <label htmlFor="sort">{t("work.sort")}</label>
          <select id="sort" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            <option value="deadline">{t("work.sort.deadline")}</option>
            <option value="permit">{t("work.sort.permit")}</option>
            <option value="registration">{t("work.sort.registration")}</option>
          </select>
        </p>
      </div>
      <p className="muted" aria-live="polite">{t("work.refreshed", { time: stamp.toLocaleTimeString(locale()) })}</p>
      <Loadable state={items}>{(list) => <Table items={list} filter={filter} sort={sort} />}</Loadable>
    </section>
  );
}

function Table({ items, filter, sort }: { items: Item[]; filter: string; sort: SortKey }) {
  const { t } = useI18n();
  const dur = useDurations();
  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const shown = items.filter((i) =>
      !f || [i.registration_number ?? "", i.permit, i.applicant].some((s) => s.toLowerCase().includes(f)));
    const left = (i: Item) => i.deadline?.working_minutes_left ?? Number.MAX_SAFE_INTEGER;
    // Overdue work always comes first, whatever the sort.
    return shown.sort((a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (sort === "permit" ? a.permit.localeCompare(b.permit)
        : sort === "registration" ? (a.registration_number ?? "").localeCompare(b.registration_number ?? "")
        : left(a) - left(b)));
  }, [items, filter, sort]);
  if (rows.length === 0) return <p>{t("work.empty")}</p>;
  return (
    <div className="table-wrap">
      <table className="worklist">
        <thead>
          <tr>
            <th scope="col">{t("col.registration")}</th>
            <th scope="col">{t("col.permit")}</th>
            <th scope="col">{t("col.applicant")}</th>
            <th scope="col">{t("col.step")}</th>
            <th scope="col">{t("col.deadline")}</th>
            <th scope="col">{t("col.left")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i.id} className={i.overdue ? "overdue-row" : undefined}>
              <td data-label={t("col.registration")}>
                <Link to={`/permohonan/${i.id}`}>{i.registration_number ?? `#${i.id}`}</Link>
                <Markers item={i} />
              </td>
              <td data-label={t("col.permit")} lang="id">{i.permit}</td>
              <td data-label={t("col.applicant")}>{i.applicant}</td>
              <td data-label={t("col.step")} lang="id" title={i.step.description}>{i.step.no}. {i.step.title}</td>
              <td data-label={t("col.deadline")}>{when(i.deadline?.at)}</td>
              <td data-label={t("col.left")} className={i.overdue ? "overdue" : undefined}>
                {/* A step without a time standard says how long the file has waited instead. */}
                {i.overdue ? t("left.overdue") : i.deadline ? dur.left(i.deadline)
                  : t("work.waiting_since", { when: when(i.step_started_at) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// What to notice about a file before opening it: late, back from the applicant, sent back by a
// later step, or new since yesterday.
function Markers({ item }: { item: Item }) {
  const { t } = useI18n();
  const marks: [string, string][] = [];
  if (item.overdue) marks.push(["overdue", t("mark.overdue")]);
  if (item.arrived === "resubmitted") marks.push(["back", t("mark.resubmitted")]);
  if (item.arrived === "sent_back") marks.push(["back", t("mark.sent_back", { step: item.arrived_from ?? "" })]);
  if (item.new && item.arrived === "forwarded") marks.push(["new", t("mark.new")]);
  if (marks.length === 0) return null;
  return (
    <span className="marks">
      {marks.map(([kind, text]) => <span key={kind} className={`mark mark-${kind}`}>{text}</span>)}
    </span>
  );
}
