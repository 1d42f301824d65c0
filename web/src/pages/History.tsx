// The application's history (Riwayat) in words: what happened, when, by whom, against the
// step's time standard. No event is shown by its code; requirements and form fields by their
// names; a return with each reason and the officer's note.
import type { TimeStandard } from "../format";
import { useDurations, when, whenUnix } from "../format";
import { useI18n } from "../i18n";

export interface HistoryEvent {
  seq: number;
  at: string;
  by: string;
  role_name: string;
  step: number;
  action: string;
  action_label: string;
  kind: string;
  note: string;
  allowed_standard: TimeStandard | null;
  elapsed_working_minutes: number | null;
  overdue: boolean;
  details: Record<string, unknown> | null;
}

interface Props {
  events: HistoryEvent[];
  requirementName: (code: string) => string;
  fieldLabel: (key: string) => string;
}

const text = (v: unknown) => (typeof v === "string" ? v : "");

export function History({ events, requirementName, fieldLabel }: Props) {
  const { t } = useI18n();
  const dur = useDurations();
  const what = (e: HistoryEvent): string => {
    const d = e.details ?? {};
    switch (e.kind) {
      case "created":
      case "resubmitted":
      case "withdrawn":
        return t(`ev.${e.kind}`);
      case "acted":
        return e.action_label || t("ev.acted");
      case "document_attached":
        return t("ev.document_attached", { name: requirementName(text(d.requirement)), revision: Number(d.revision) || 1 });
      case "data_corrected":
        return t("ev.data_corrected", {
          fields: (Array.isArray(d.fields) ? d.fields : []).map((k) => fieldLabel(text(k))).join(", "),
        });
      case "scheduled":
      case "rescheduled":
        return t(`ev.${e.kind}`, {
          what: t(e.action === "rapat_kajian_teknis" ? "schedule.kind.rapat" : "schedule.kind.lapangan"),
          when: typeof d.at === "number" ? whenUnix(d.at, e.at) : "-",
          place: text(d.place) || "-",
        });
      case "escalated":
        return text(d.to_role_name) ? t("ev.escalated", { role: text(d.to_role_name) }) : t("ev.escalated_top");
      case "printed":
      case "delivered":
      case "handed_over":
      case "revoked":
        return t(`ev.${e.kind}`, { doc: t(`doc.${text(d.document_kind)}`) });
      default:
        return t("ev.other");
    }
  };
  const reasons = (e: HistoryEvent) =>
    Array.isArray(e.details?.reasons) ? (e.details!.reasons as { requirement: string; reason: string }[]) : [];
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("tl.when")}</th>
            <th scope="col">{t("tl.step")}</th>
            <th scope="col">{t("tl.what")}</th>
            <th scope="col">{t("tl.who")}</th>
            <th scope="col">{t("time.allowed")}</th>
            <th scope="col">{t("time.actual")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.seq}>
              <td>{when(e.at)}</td>
              <td>{e.step || "-"}</td>
              <td>
                {/* An action's label is the SOP's own Indonesian. */}
                {e.kind === "acted" && e.action_label ? <span lang="id">{e.action_label}</span> : what(e)}
                {reasons(e).length > 0 && (
                  <ul>
                    {reasons(e).map((r) => <li key={r.requirement}><span lang="id">{requirementName(r.requirement)}: {r.reason}</span></li>)}
                  </ul>
                )}
                {e.note && <p className="note">{t("ev.note", { note: e.note })}</p>}
              </td>
              <td>
                {e.by === e.role_name ? e.by : `${e.by} (${e.role_name})`}
                {/* Done at the counter for a walk-in applicant: the event names both. */}
                {typeof e.details?.applicant_name === "string" && <> {t("history.for", { name: e.details.applicant_name })}</>}
              </td>
              <td>{e.allowed_standard ? dur.standard(e.allowed_standard) : "-"}</td>
              <td className={e.overdue ? "overdue" : undefined}>
                {e.elapsed_working_minutes === null ? "-" : dur.minutes(e.elapsed_working_minutes)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
