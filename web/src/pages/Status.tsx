import { useEffect, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { api, ApiError, type PublicStatus } from "../api";
import { useI18n } from "../i18n";
import { useAction } from "../useAction";
import { useDurations, when } from "../format";

export function Status() {
  const { t } = useI18n();
  const dur = useDurations();
  const [params, setParams] = useSearchParams();
  const [number, setNumber] = useState(params.get("registration") ?? "");
  const { busy, error, result, run } = useAction(
    (n: string) => api<PublicStatus>("GET", `/api/v1/status?registration=${encodeURIComponent(n.trim())}`),
    (err) => (err instanceof ApiError && err.status === 404 ? t("status.notfound") : undefined),
  );

  // The number in the address is looked up on arrival, so a status link can be shared and reloaded.
  const linked = params.get("registration")?.trim() ?? "";
  useEffect(() => {
    if (linked) void run(linked);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linked]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (number.trim() === linked) void run(number);  // the same number again: look again
    else setParams({ registration: number.trim() });
  }

  return (
    <section>
      <h1>{t("status.title")}</h1>
      <form onSubmit={submit} className="inline">
        <label htmlFor="registration">{t("status.number")}</label>
        <input id="registration" value={number} onChange={(e) => setNumber(e.target.value)} required
               placeholder="0001/REG/DPMPTSP-PWK/2026" />
        <button type="submit" disabled={busy}>{busy ? t("common.loading") : t("status.submit")}</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {result && (
        <dl className="result" aria-live="polite">
          <dt>{t("status.number")}</dt>
          <dd>{result.registration_number}</dd>
          <dt>{t("status.permit")}</dt>
          <dd lang="id">{result.permit}</dd>
          <dt>{t("status.office")}</dt>
          <dd>{result.office}</dd>
          <dt>{t("status.step")}</dt>
          <dd lang="id">
            {result.step.no}. {result.step.description} ({result.step.actor_name})
          </dd>
          {result.deadline && (
            <>
              <dt>{t("status.deadline")}</dt>
              <dd className={result.deadline.overdue ? "overdue" : undefined}>
                {when(result.deadline.at)} —{" "}
                {dur.left(result.deadline)}
              </dd>
            </>
          )}
          <dt>{t("status.outcome")}</dt>
          <dd lang="id">{result.outcome_label}</dd>
          {result.permit_number && (
            <>
              <dt>{t("status.permit_number")}</dt>
              <dd>{result.permit_number}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
