// The application's SOP as a line of steps: done, now, next, each with its time standard and,
// once done, the working time it actually took (summed from the history).
import { useI18n } from "../i18n";
import { Loadable } from "../Loadable";
import { useOfficePermits } from "../catalog";
import { useDurations } from "../format";

interface Props {
  office: string;
  sop: string;
  current: number;
  closed: boolean;
  events: { step: number; kind: string; elapsed_working_minutes: number | null }[];
}

export function StepTimeline({ office, sop, current, closed, events }: Props) {
  const { t } = useI18n();
  const dur = useDurations();
  const permits = useOfficePermits(office);
  return (
    <Loadable state={permits}>
      {(list) => {
        const steps = (list.find((p) => p.sop === sop)?.steps ?? []).filter((s) => s.scope !== "account");
        const spent = new Map<number, number>();
        for (const e of events)
          if (e.elapsed_working_minutes !== null) spent.set(e.step, (spent.get(e.step) ?? 0) + e.elapsed_working_minutes);
        return (
          <>
            <h2>{t("steps.title")}</h2>
            <ol className="steps">
              {steps.map((s) => {
                const state = s.no < current || (closed && s.no === current) ? "done" : s.no === current ? "now" : "next";
                return (
                  <li key={s.no} className={`step-${state}`} aria-current={state === "now" ? "step" : undefined}>
                    <strong>{s.no}. {s.description}</strong> — {s.actor_name} ({t(`steps.${state}`)})
                    <br />
                    {t("time.allowed")}: {dur.standard(s.time_standard)}
                    {state === "done" && spent.has(s.no) && <>; {t("steps.actual", { time: dur.minutes(spent.get(s.no)!) })}</>}
                  </li>
                );
              })}
            </ol>
          </>
        );
      }}
    </Loadable>
  );
}
