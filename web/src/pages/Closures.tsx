// The office admin's extra closures in the office calendar (a local holiday, an office move):
// deadlines of running steps move past them. National holidays come from the national calendar.
import { useState } from "react";
import { api } from "../api";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";
import { useAction } from "../useAction";
import { useSession } from "../session";
import { useFieldNote } from "../problem";
import { dayInWords } from "../format";
import { OfficeMonth } from "./OfficeMonth";

interface Closure {
  date: string;
  name: string;
}

// Closures entered together (one name, days at most a weekend apart) are shown as one range.
function ranges(items: Closure[]): { from: string; until: string; name: string }[] {
  const out: { from: string; until: string; name: string }[] = [];
  for (const c of items) {
    const last = out[out.length - 1];
    const gap = last ? (Date.parse(c.date) - Date.parse(last.until)) / 86400000 : Infinity;
    if (last && last.name === c.name && gap <= 3) last.until = c.date;
    else out.push({ from: c.date, until: c.date, name: c.name });
  }
  return out;
}

export function Closures() {
  const { t } = useI18n();
  const { me } = useSession();
  if (me?.kind !== "admin" || !me.office) return <p role="alert" className="error">{t("closures.admin_only")}</p>;
  return <OfficeClosures office={me.office} />;
}

// Asked for only once the office is known (the page may be opened directly, before the session loads).
function OfficeClosures({ office }: { office: string }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useFetch(
    () => api<{ items: Closure[] }>("GET", `/api/v1/offices/${office}/closures`).then((r) => r.items), [office, version]);
  const [date, setDate] = useState("");
  const [until, setUntil] = useState("");
  const [name, setName] = useState("");
  const add = useAction(async () => {
    const r = await api<{ dates: string[] }>("POST", "/api/v1/office/closures", until ? { date, until, name } : { date, name });
    setDate("");
    setUntil("");
    setName("");
    setNotice(r.dates.length > 1 ? t("closures.added_days", { count: r.dates.length }) : t("closures.added"));
    setVersion((v) => v + 1);
  });
  const today = new Date().toISOString().slice(0, 10);
  const remove = useAction(async (from: string, last: string) => {
    // Only from today on: the days already past stay history.
    const start = from < today ? today : from;
    await api("DELETE", `/api/v1/office/closures/${start}${last > start ? `?until=${last}` : ""}`);
    setNotice(t("closures.removed"));
    setVersion((v) => v + 1);
  });
  const note = useFieldNote(add.problems);
  const dateNote = note("date", "closure-date");
  const untilNote = note("until", "closure-until");
  const nameNote = note("name", "closure-name");
  return (
    <section>
      <h1>{t("closures.title")}</h1>
      <p>{t("closures.intro")}</p>
      {notice && <p role="status" className="notice">{notice}</p>}
      <Loadable state={list}>
        {(items) =>
          items.length === 0 ? <p>{t("closures.empty")}</p> : (
            <ul className="cards">
              {ranges(items).map((c) => (
                <li key={c.from}>
                  <strong>{c.from === c.until ? dayInWords(c.from) : t("closures.range", { from: dayInWords(c.from), until: dayInWords(c.until) })}</strong>
                  {" "}— {c.name}{" "}
                  {c.until >= today && (
                    <button className="small" disabled={remove.busy}
                            aria-label={t("closures.remove_label", { date: c.from === c.until ? c.from : `${c.from} – ${c.until}` })}
                            onClick={() => void remove.run(c.from, c.until)}>
                      {t("closures.remove")}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loadable>
      {remove.error && <p role="alert" className="error">{remove.error}</p>}
      <form onSubmit={add.submit}>
        <h2>{t("closures.add")}</h2>
        <p>
          <label htmlFor="closure-date">{t("closures.date")}</label>
          <input id="closure-date" type="date" min={today} required value={date} onChange={(e) => setDate(e.target.value)} {...dateNote.attrs} />
          {dateNote.note}
        </p>
        <p>
          <label htmlFor="closure-until">{t("closures.until")}</label>
          <input id="closure-until" type="date" min={date || today} value={until} onChange={(e) => setUntil(e.target.value)} {...untilNote.attrs} />
          {untilNote.note}
        </p>
        <p>
          <label htmlFor="closure-name">{t("closures.name")}</label>
          <input id="closure-name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} {...nameNote.attrs} />
          {nameNote.note}
        </p>
        <button type="submit" disabled={add.busy}>{t("closures.submit")}</button>
        {add.error && <p role="alert" className="error">{add.error}</p>}
      </form>
      <OfficeMonth office={office} version={version} />
    </section>
  );
}
