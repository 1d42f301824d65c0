// The SOP's application steps in a line, by their short titles: done, now, next. The full list
// with time standards and the time each step took is StepTimeline, further down the page.
import { useI18n } from "../i18n";
import { useOfficePermits } from "../catalog";

export function StepTracker({ office, sop, current, closed }: { office: string; sop: string; current: number; closed: boolean }) {
  const { t } = useI18n();
  const permits = useOfficePermits(office);
  const steps = (permits.data?.find((p) => p.sop === sop)?.steps ?? []).filter((s) => s.scope !== "account");
  if (steps.length === 0) return null;
  return (
    <ol className="tracker" aria-label={t("tracker.label")}>
      {steps.map((s, i) => {
        const state = s.no < current || (closed && s.no === current) ? "done" : s.no === current ? "now" : "next";
        return (
          <li key={s.no} className={`tracker-${state}`} aria-current={state === "now" ? "step" : undefined}>
            <span className="tracker-dot" aria-hidden="true">{state === "done" ? "✓" : i + 1}</span>
            <span lang="id">{s.title}</span>
            <span className="visually-hidden"> ({t(`steps.${state}`)})</span>
          </li>
        );
      })}
    </ol>
  );
}
