import { useState } from "react";
import { api } from "../api";
import { useI18n } from "../i18n";
import { useAction } from "../useAction";

// The server answers the same whether or not the address is registered, and so does this page.
export function ResetPassword() {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const { busy, error, result, submit } = useAction(
    () => api("POST", "/api/v1/accounts/password-reset", { email }).then(() => true),
  );
  if (result) return <p role="status" className="notice">{t("reset.done")}</p>;
  return (
    <section>
      <h1>{t("reset.title")}</h1>
      <form onSubmit={submit}>
        <p>
          <label htmlFor="reset-email">{t("reset.email")}</label>
          <input id="reset-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </p>
        <button type="submit" disabled={busy}>{t("reset.submit")}</button>
        {error && <p role="alert" className="error">{error}</p>}
      </form>
    </section>
  );
}
