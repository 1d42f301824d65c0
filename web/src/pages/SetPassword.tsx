// The page the approval (or reset) e-mail links to: /akun/kata-sandi?token=...
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { api } from "../api";
import { useI18n } from "../i18n";
import { useAction } from "../useAction";
import { useFieldNote } from "../problem";

export function SetPassword() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [password, setPassword] = useState("");
  const { busy, error, problems, result, submit } = useAction(
    () => api("POST", "/api/v1/accounts/password", { token, password }).then(() => true),
  );
  const pw = useFieldNote(problems)("password", "new-password");
  if (!token) return <p role="alert" className="error">{t("password.notoken")}</p>;
  if (result) return <p role="status" className="notice">{t("password.done")}</p>;
  return (
    <section>
      <h1>{t("password.title")}</h1>
      <form onSubmit={submit}>
        <p>
          <label htmlFor="new-password">{t("password.new")}</label>
          <input id="new-password" type="password" autoComplete="new-password" minLength={10} required value={password}
                 onChange={(e) => setPassword(e.target.value)} {...pw.attrs} />
          {pw.note}
        </p>
        <button type="submit" disabled={busy}>{t("password.submit")}</button>
        {error && <p role="alert" className="error">{error}</p>}
      </form>
    </section>
  );
}
