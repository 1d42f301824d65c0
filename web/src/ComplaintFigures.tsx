// The office's complaints in a period, as the dashboard and the monthly report show them.
import { useI18n } from "./i18n";
import { useDurations } from "./format";

export interface ComplaintTally {
  filed: number;
  answered: number;
  answered_on_time: number;
  median_answer_minutes: number | null;
  open: number;
  overdue: number;
}

export function ComplaintFigures({ c, openLabel }: { c: ComplaintTally; openLabel: string }) {
  const { t } = useI18n();
  const dur = useDurations();
  return (
    <>
      <h2>{t("complaints.figures")}</h2>
      <dl className="result complaint-figures">
        <dt>{t("complaints.filed")}</dt>
        <dd>{c.filed}</dd>
        <dt>{t("complaints.answered")}</dt>
        <dd>{c.answered} ({t("complaints.on_time", { n: c.answered_on_time })})</dd>
        <dt>{t("complaints.median")}</dt>
        <dd>{c.median_answer_minutes === null ? "–" : dur.minutes(c.median_answer_minutes)}</dd>
        <dt>{openLabel}</dt>
        <dd>{c.open} ({t("complaints.overdue", { n: c.overdue })})</dd>
      </dl>
    </>
  );
}
