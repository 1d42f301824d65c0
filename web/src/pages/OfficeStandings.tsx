// The applicant's standing with offices that approve accounts: waiting (a draft can be prepared
// meanwhile) or refused with the office's reason, with the way to ask again. Offices that
// approved, or need no approval, are not mentioned: nothing is asked of the applicant there.
import { api } from "../api";
import { useI18n } from "../i18n";
import { useFetch } from "../Loadable";
import { useAction } from "../useAction";
import { locale } from "../format";

interface Standing {
  office: string;
  office_name: string;
  approval_required: boolean;
  status: "pending" | "approved" | "rejected";
  requested_at: number | null;
  note: string | null;
}

export function OfficeStandings() {
  const { t } = useI18n();
  const standings = useFetch(() => api<{ items: Standing[] }>("GET", "/api/v1/me/offices").then((r) => r.items), []);
  const open = (standings.data ?? []).filter((s) => s.status !== "approved");
  if (open.length === 0) return null;
  return (
    <section className="attention" aria-labelledby="home-standings">
      <h2 id="home-standings">{t("standing.title")}</h2>
      <ul>
        {open.map((s) => <StandingItem key={s.office} s={s} onChanged={standings.retry} />)}
      </ul>
    </section>
  );
}

function StandingItem({ s, onChanged }: { s: Standing; onChanged: () => void }) {
  const { t } = useI18n();
  const ask = useAction(async () => {
    await api("POST", `/api/v1/me/offices/${encodeURIComponent(s.office)}/approval-request`, {});
    onChanged();
  });
  if (s.status === "pending")
    return (
      <li>
        {t("standing.pending", {
          office: s.office_name,
          since: s.requested_at ? new Date(s.requested_at * 1000).toLocaleString(locale()) : "-",
        })}
      </li>
    );
  return (
    <li>
      {t("standing.rejected", { office: s.office_name })}: <span lang="id">{s.note}</span>
      <p className="buttons">
        <button type="button" disabled={ask.busy} onClick={() => ask.run()}>{t("standing.ask_again")}</button>
      </p>
      {ask.error && <p role="alert" className="error">{ask.error}</p>}
    </li>
  );
}
