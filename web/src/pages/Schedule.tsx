// The technical meeting or field inspection: shown to everyone who sees the file once it is
// set, and set (or moved) by the back office at its step. A time outside the office's working
// time is kept only after the officer confirms it (the server's rule).
import { useState } from "react";
import { api, ApiError } from "../api";
import { when } from "../format";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";
import { useFieldNote } from "../problem";
import { useAction } from "../useAction";

export interface Schedule {
  id: number;
  kind: string;
  at: string;
  place: string;
  members: string[];
}

const lines = (s: string) => s.split("\n").map((l) => l.trim()).filter(Boolean);
const outsideRules = ["not_working_day", "outside_office_hours"];

export function useSchedule(appId: number, version: number) {
  return useFetch(
    () => api<{ schedule: Schedule | null }>("GET", `/api/v1/applications/${appId}/schedule`),
    [appId, version],
  );
}

export function ScheduleInfo({ schedule }: { schedule: Schedule }) {
  const { t } = useI18n();
  return (
    <div className="schedule" aria-labelledby="schedule-now">
      <h2 id="schedule-now">{t("schedule.current")}</h2>
      <dl>
        <dt>{t("schedule.kind")}</dt>
        <dd>{t(schedule.kind === "rapat_kajian_teknis" ? "schedule.kind.rapat" : "schedule.kind.lapangan")}</dd>
        <dt>{t("schedule.at")}</dt>
        <dd>{when(schedule.at)}</dd>
        <dt>{t("schedule.place")}</dt>
        <dd>{schedule.place}</dd>
        <dt>{t("schedule.team")}</dt>
        <dd>{schedule.members.join(", ")}</dd>
      </dl>
    </div>
  );
}

// The date and time are the office's local time: `offset` ("+07:00") is the office's zone, as
// the server writes it in the application's timestamps.
export function ScheduleForm({ appId, offset, current, onDone }: {
  appId: number; offset: string; current: Schedule | null; onDone: () => void;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState(current?.kind ?? "peninjauan_lapangan");
  const [at, setAt] = useState("");
  const [place, setPlace] = useState(current?.place ?? "");
  const [members, setMembers] = useState(current?.members.join("\n") ?? "");
  // Set when the server found the time outside working time: the officer confirms or changes it.
  const [outside, setOutside] = useState<string | null>(null);
  const { busy, error, problems, run } = useAction(async (confirmed: boolean) => {
    setOutside(null);
    try {
      await api("POST", `/api/v1/applications/${appId}/schedule`, {
        kind, at: `${at}${at.length === 16 ? ":00" : ""}${offset}`, place, members: lines(members),
        ...(confirmed ? { outside_hours_confirmed: true } : {}) });
    } catch (e) {
      const rule = e instanceof ApiError ? e.errors.find((p) => p.field === "at" && outsideRules.includes(p.rule))?.rule : undefined;
      if (rule) {
        setOutside(rule);
        return false;
      }
      throw e;
    }
    onDone();
    return true;
  });
  const note = useFieldNote(problems.filter((p) => !outsideRules.includes(p.rule)));
  const [atNote, placeNote, membersNote] = [note("at", "at"), note("place", "place"), note("members", "schedule-members")];
  return (
    <form onSubmit={(e) => { e.preventDefault(); void run(false); }}>
      <h2>{current ? t("schedule.change") : t("schedule.title")}</h2>
      <p>
        <label htmlFor="kind">{t("schedule.kind")}</label>
        <select id="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="peninjauan_lapangan">{t("schedule.kind.lapangan")}</option>
          <option value="rapat_kajian_teknis">{t("schedule.kind.rapat")}</option>
        </select>
      </p>
      <p>
        <label htmlFor="at">{t("schedule.at")}</label>
        <input id="at" type="datetime-local" value={at} required {...atNote.attrs}
               onChange={(e) => { setAt(e.target.value); setOutside(null); }} />
        {atNote.note}
      </p>
      <p>
        <label htmlFor="place">{t("schedule.place")}</label>
        <input id="place" value={place} required maxLength={300} onChange={(e) => setPlace(e.target.value)} {...placeNote.attrs} />
        {placeNote.note}
      </p>
      <p>
        <label htmlFor="schedule-members">{t("schedule.members")}</label>
        <textarea id="schedule-members" rows={3} value={members} required onChange={(e) => setMembers(e.target.value)}
                  {...membersNote.attrs} />
        {membersNote.note}
      </p>
      {outside && (
        <div role="alert" className="warning">
          <p>{t(`schedule.warn.${outside}`)}</p>
          <p className="buttons">
            <button type="button" disabled={busy} onClick={() => void run(true)}>{t("schedule.keep")}</button>
            <button type="button" className="secondary" onClick={() => { setOutside(null); document.getElementById("at")?.focus(); }}>
              {t("schedule.pick_other")}
            </button>
          </p>
        </div>
      )}
      <button type="submit" disabled={busy}>{current ? t("schedule.change_submit") : t("schedule.submit")}</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}

// The schedule for everyone, and the form where this user sets it.
export function ScheduleSection({ appId, offset, canSet, version, onSaved }: {
  appId: number; offset: string; canSet: boolean; version: number; onSaved: () => void;
}) {
  const schedule = useSchedule(appId, version);
  return (
    <Loadable state={schedule}>
      {({ schedule: s }) => (
        <>
          {s && <ScheduleInfo schedule={s} />}
          {canSet && <ScheduleForm key={s?.id ?? 0} appId={appId} offset={offset} current={s} onDone={onSaved} />}
        </>
      )}
    </Loadable>
  );
}
