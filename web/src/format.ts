// Shared display helpers.
import { useMemo } from "react";
import { useI18n } from "./i18n";

export interface TimeStandard {
  unit: "minutes" | "hours" | "working_days";
  amount: number;
}
export interface Deadline {
  at: string;
  overdue: boolean;
  working_minutes_left: number;
  working_days_left?: number; // when the step's standard is in working days
}

// Working time in one wording everywhere: working days in days, working minutes in hours and
// minutes ("1 jam 5 menit", "59 menit", "2 jam"; "1 hour", "2 hours"), plurals by the language.
export function useDurations() {
  const { t, lang } = useI18n();
  return useMemo(() => {
    const rules = new Intl.PluralRules(lang);
    const count = (unit: string, n: number) => t(`dur.${unit}.${rules.select(n) === "one" ? "one" : "other"}`, { n });
    const minutes = (m: number) => {
      const h = Math.floor(m / 60);
      const rest = m % 60;
      return [h > 0 ? count("hours", h) : "", rest > 0 || h === 0 ? count("minutes", rest) : ""].filter(Boolean).join(" ");
    };
    const days = (n: number) => count("working_days", n);
    return {
      minutes,
      days,
      // A step's time standard; a step without one says so.
      standard: (s: TimeStandard | null | undefined) =>
        !s ? t("catalog.time.blank") : s.unit === "working_days" ? days(s.amount) : minutes(s.unit === "hours" ? s.amount * 60 : s.amount),
      // What is left of a deadline: whole working days while it is days away, then the working time of its last day.
      left: (d: Deadline) =>
        d.overdue ? t("left.overdue")
          : d.working_days_left !== undefined && d.working_days_left > 0 ? t("left.days", { time: days(d.working_days_left) })
            : d.working_days_left === 0 ? t("left.today", { time: minutes(d.working_minutes_left) })
              : t("left.value", { time: minutes(d.working_minutes_left) }),
    };
  }, [t, lang]);
}
// Dates and times in the page's language (set by the language toggle), not the browser's.
export function locale() {
  return document.documentElement.lang === "en" ? "en-GB" : "id-ID";
}

// Indonesia's three zones by their UTC offset; an instant is shown in the office's zone, which
// the API writes into every timestamp ("2026-12-08T09:00:00+07:00").
const zones: Record<string, { tz: string; abbr: string }> = {
  "+07:00": { tz: "Asia/Jakarta", abbr: "WIB" },
  "+08:00": { tz: "Asia/Makassar", abbr: "WITA" },
  "+09:00": { tz: "Asia/Jayapura", abbr: "WIT" },
};
function zoneOf(iso: string) {
  const m = /([+-]\d{2}:\d{2}|Z)$/.exec(iso);
  return (m && zones[m[1]]) ?? { tz: "UTC", abbr: "UTC" };
}

// "8 Desember 2026 09.00 WIB": the office's date and time, in words, without seconds.
export function when(iso: string | null | undefined) {
  if (!iso) return "-";
  const z = zoneOf(iso);
  const text = new Intl.DateTimeFormat(locale(), {
    timeZone: z.tz, day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit",
  }).format(new Date(iso));
  return `${text} ${z.abbr}`;
}
// "Selasa, 8 Desember 2026": a date alone ("2026-12-08"), in words.
export function dayInWords(date: string) {
  return new Intl.DateTimeFormat(locale(), { timeZone: "UTC", dateStyle: "full" }).format(new Date(`${date}T00:00:00Z`));
}
// "3 Desember 2031": a date alone, in words, as a permit prints it.
// The last day of a month given as YYYY-MM, as YYYY-MM-DD.
export function monthEnd(month: string) {
  const [y, m] = month.split("-").map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
}

export function dateInWords(date: string) {
  return new Intl.DateTimeFormat(locale(), { timeZone: "UTC", dateStyle: "long" }).format(new Date(`${date}T00:00:00Z`));
}
// An instant given as Unix seconds, in the zone of a timestamp of the same office.
export function whenUnix(seconds: number, sameOffice: string) {
  const offset = /([+-]\d{2}:\d{2})$/.exec(sameOffice)?.[1] ?? "+07:00";
  const sign = offset[0] === "-" ? -1 : 1;
  const shift = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60;
  const local = new Date((seconds + shift) * 1000).toISOString().slice(0, 19);
  return when(`${local}${offset}`);
}
// "Selesai — permohonan ditolak": a closed file says how it ended; a file never submitted (no
// registration number yet) is a draft, not "in progress".
export function statusText(phase: string, outcome: string | undefined, t: (k: string) => string, draft = false) {
  if (draft && phase === "at_step") return t("phase.draft");
  return phase === "closed" && outcome && outcome !== "none" ? `${t("phase.closed")} — ${t(`outcome.${outcome}`)}` : t(`phase.${phase}`);
}
