// An officer's unread notices above the worklist: a file escalated to them because its step
// passed its deadline, and (for the head of office) the day's digest of overdue files. Each is
// marked read by its reader; read ones no longer show here.
import { Link } from "react-router-dom";
import { api } from "../api";
import { useI18n } from "../i18n";
import { useFetch } from "../Loadable";
import { useAction } from "../useAction";
import { when } from "../format";

interface Notice {
  id: number;
  kind: "escalation" | "digest";
  application_id: number | null;
  created_at: string;
  facts: {
    registration_number?: string;
    permit?: string;
    step?: { number: number; title: string; role: string };
    deadline?: string;
    total?: number;
  };
}

export function Notices({ stamp }: { stamp: Date }) {
  const { t } = useI18n();
  const notices = useFetch(() => api<{ items: Notice[]; unread: number }>("GET", "/api/v1/notifications?unread=1"), [stamp]);
  const mark = useAction(async (id: number | null) => {
    await api("POST", id === null ? "/api/v1/notifications/read" : `/api/v1/notifications/${id}/read`);
    notices.retry();
  });
  const list = notices.data?.items ?? [];
  if (list.length === 0) return null;
  return (
    <section className="attention" aria-labelledby="notices-title">
      <h2 id="notices-title">{t("notice.title", { n: notices.data?.unread ?? list.length })}</h2>
      <ul className="notices">
        {list.map((n) => (
          <li key={n.id}>
            {n.kind === "digest" ? (
              <>
                {t("notice.digest", { n: n.facts.total ?? 0 })}{" "}
                <Link to="/kantor/mutu-baku">{t("notice.digest.open")}</Link>
              </>
            ) : (
              <>
                <Link to={`/permohonan/${n.application_id}`}>{n.facts.registration_number}</Link>{" "}
                <span lang="id">({n.facts.permit})</span>:{" "}
                {t("notice.escalation", {
                  step: `${n.facts.step?.number}. ${n.facts.step?.title}`,
                  role: n.facts.step?.role ?? "",
                  deadline: when(n.facts.deadline),
                })}
              </>
            )}
            <br />
            <span className="muted">{when(n.created_at)}</span>{" "}
            <button type="button" disabled={mark.busy} onClick={() => void mark.run(n.id)}
                    aria-label={t("notice.read.label", { what: n.facts.registration_number ?? t("notice.digest.short") })}>
              {t("notice.read")}
            </button>
          </li>
        ))}
      </ul>
      {list.length > 1 && (
        <p><button type="button" disabled={mark.busy} onClick={() => void mark.run(null)}>{t("notice.read_all")}</button></p>
      )}
      {mark.error && <p role="alert" className="error">{mark.error}</p>}
    </section>
  );
}
