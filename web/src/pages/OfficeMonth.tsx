// A month of the office's calendar as a grid, Monday first: working days, weekends, national
// holidays, cuti bersama and the office's own closures, with the closed days named below it.
import { useSearchParams } from "react-router-dom";
import { api } from "../api";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";
import { dayInWords, locale } from "../format";

interface CalendarDay {
  date: string;
  kind: "kerja" | "akhir_pekan" | "libur_nasional" | "cuti_bersama" | "penutupan_kantor";
  name: string | null;
  hours: { from: string; to: string }[];
}

const shift = (month: string, by: number) => {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
};

export function OfficeMonth({ office, version }: { office: string; version: number }) {
  const { t } = useI18n();
  // The month is in the address (?bulan=2031-03), so a month can be bookmarked and shared.
  const [params, setParams] = useSearchParams();
  const asked = params.get("bulan") ?? "";
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : new Date().toISOString().slice(0, 7);
  const setMonth = (m: string) => setParams((p) => { p.set("bulan", m); return p; }, { replace: true });
  const days = useFetch(
    () => api<{ days: CalendarDay[] }>("GET", `/api/v1/offices/${encodeURIComponent(office)}/calendar?month=${month}`)
      .then((r) => r.days),
    [office, month, version],
  );
  const title = new Intl.DateTimeFormat(locale(), { timeZone: "UTC", month: "long", year: "numeric" })
    .format(new Date(`${month}-01T00:00:00Z`));
  const weekdays = [...Array(7)].map((_, i) =>
    new Intl.DateTimeFormat(locale(), { timeZone: "UTC", weekday: "short" }).format(new Date(Date.UTC(2024, 0, 1 + i))));
  return (
    <section aria-labelledby="month-title">
      <h2 id="month-title">{t("calendar.title")}</h2>
      <p className="buttons">
        <button type="button" className="small secondary" onClick={() => setMonth(shift(month, -1))}>{t("calendar.previous")}</button>
        <button type="button" className="small secondary" onClick={() => setMonth(shift(month, 1))}>{t("calendar.next")}</button>
      </p>
      <Loadable state={days}>
        {(list) => {
          // Monday-first rows: blanks before the 1st.
          const lead = (new Date(`${month}-01T00:00:00Z`).getUTCDay() + 6) % 7;
          const cells: (CalendarDay | null)[] = [...Array(lead).fill(null), ...list];
          while (cells.length % 7) cells.push(null);
          const weeks = [...Array(cells.length / 7)].map((_, w) => cells.slice(w * 7, w * 7 + 7));
          const closed = list.filter((d) => d.kind !== "kerja" && d.kind !== "akhir_pekan");
          return (
            <>
              <table className="month">
                <caption>{title}</caption>
                <thead>
                  <tr>{weekdays.map((w) => <th key={w} scope="col">{w}</th>)}</tr>
                </thead>
                <tbody>
                  {weeks.map((week, i) => (
                    <tr key={i}>
                      {week.map((d, j) => d ? (
                        <td key={d.date} className={`day-${d.kind}`}
                            title={d.name ?? (d.kind === "kerja" ? d.hours.map((h) => `${h.from}–${h.to}`).join(", ") : t(`calendar.${d.kind}`))}>
                          <span>{Number(d.date.slice(8))}</span>
                          <span className="visually-hidden"> {t(`calendar.${d.kind}`)}{d.name ? `: ${d.name}` : ""}</span>
                        </td>
                      ) : <td key={`blank-${j}`} />)}
                    </tr>
                  ))}
                </tbody>
              </table>
              <ul className="legend">
                {(["kerja", "akhir_pekan", "libur_nasional", "cuti_bersama", "penutupan_kantor"] as const).map((k) => (
                  <li key={k}><span className={`swatch day-${k}`} aria-hidden="true" /> {t(`calendar.${k}`)}</li>
                ))}
              </ul>
              {closed.length > 0 && (
                <ul>
                  {closed.map((d) => (
                    <li key={d.date}><strong>{dayInWords(d.date)}</strong>: <span lang="id">{d.name}</span> ({t(`calendar.${d.kind}`)})</li>
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </Loadable>
    </section>
  );
}
