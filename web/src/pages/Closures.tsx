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

interface Closure {
  date: string;
  name: string;
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
  const [name, setName] = useState("");
  const add = useAction(async () => {
    await api("POST", "/api/v1/office/closures", { date, name });
    setDate("");
    setName("");
    setNotice(t("closures.added"));
    setVersion((v) => v + 1);
  });
  const remove = useAction(async (day: string) => {
    await api("DELETE", `/api/v1/office/closures/${day}`);
    setNotice(t("closures.removed"));
    setVersion((v) => v + 1);
  });
  const note = useFieldNote(add.problems);
  const dateNote = note("date", "closure-date");
  const nameNote = note("name", "closure-name");
  const today = new Date().toISOString().slice(0, 10);
  return (
    <section>
      <h1>{t("closures.title")}</h1>
      <p>{t("closures.intro")}</p>
      {notice && <p role="status" className="notice">{notice}</p>}
      <Loadable state={list}>
        {(items) =>
          items.length === 0 ? <p>{t("closures.empty")}</p> : (
            <ul className="cards">
              {items.map((c) => (
                <li key={c.date}>
                  <strong>{dayInWords(c.date)}</strong> — {c.name}{" "}
                  {c.date >= today && (
                    <button className="small" disabled={remove.busy} aria-label={t("closures.remove_label", { date: c.date })}
                            onClick={() => void remove.run(c.date)}>
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
          <label htmlFor="closure-name">{t("closures.name")}</label>
          <input id="closure-name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} {...nameNote.attrs} />
          {nameNote.note}
        </p>
        <button type="submit" disabled={add.busy}>{t("closures.submit")}</button>
        {add.error && <p role="alert" className="error">{add.error}</p>}
      </form>
    </section>
  );
}
