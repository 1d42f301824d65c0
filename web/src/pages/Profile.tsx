// The signed-in user's own page: who the app knows them as, and a change of password (which
// ends every session, this one too, so they sign in again with the new one).
import { useState } from "react";
import { api } from "../api";
import { useI18n } from "../i18n";
import { useFieldNote } from "../problem";
import { useSession } from "../session";
import { useAction } from "../useAction";

export function Profile() {
  const { t } = useI18n();
  const { me, endAfterPasswordChange } = useSession();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const { busy, error, problems, submit } = useAction(async () => {
    await api("POST", "/api/v1/me/password", { current_password: current, new_password: next });
    endAfterPasswordChange();  // the sign-in page then says why (SignInFirst)
  });
  const note = useFieldNote(problems);
  const cur = note("current_password", "current-password");
  const nw = note("new_password", "new-password");
  if (!me) return null;
  return (
    <section>
      <h1>{t("profile.title")}</h1>
      <dl className="result">
        <dt>{t("profile.name")}</dt>
        <dd>{me.full_name}</dd>
        <dt>{t("profile.email")}</dt>
        <dd>{me.email}</dd>
        <dt>{t("profile.kind")}</dt>
        <dd>{t(`profile.kind.${me.kind}`)}</dd>
        {me.office && (
          <>
            <dt>{t("profile.office")}</dt>
            <dd>{me.office}</dd>
          </>
        )}
        {me.roles.length > 0 && (
          <>
            <dt>{t("profile.roles")}</dt>
            <dd lang="id">{me.roles.join(", ")}</dd>
          </>
        )}
      </dl>
      <h2>{t("profile.password")}</h2>
      <form onSubmit={submit}>
        <p>
          <label htmlFor="current-password">{t("profile.current")}</label>
          <input id="current-password" type="password" autoComplete="current-password" required value={current}
                 onChange={(e) => setCurrent(e.target.value)} {...cur.attrs} />
          {cur.note}
        </p>
        <p>
          <label htmlFor="new-password">{t("password.new")}</label>
          <input id="new-password" type="password" autoComplete="new-password" minLength={10} required value={next}
                 onChange={(e) => setNext(e.target.value)} {...nw.attrs} />
          {nw.note}
        </p>
        <p className="muted">{t("profile.ends_sessions")}</p>
        <button type="submit" disabled={busy}>{t("profile.change")}</button>
        {error && problems.length === 0 && <p role="alert" className="error">{error}</p>}
      </form>
    </section>
  );
}
