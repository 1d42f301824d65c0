import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { useSession } from "../session";
import { useI18n } from "../i18n";
import { useAction } from "../useAction";

export function Login() {
  const { t } = useI18n();
  const { me, signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useAction(signIn, (err) => (err as Error).message);

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(email, password);
  }

  if (me) return <p role="status">{t("login.welcome", { name: me.full_name })}</p>;
  return (
    <section>
      <h1>{t("login.title")}</h1>
      <form onSubmit={submit}>
        <p>
          <label htmlFor="email">{t("login.email")}</label>
          <input id="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </p>
        <p>
          <label htmlFor="password">{t("login.password")}</label>
          <input id="password" type="password" autoComplete="current-password" value={password}
                 onChange={(e) => setPassword(e.target.value)} required />
        </p>
        <button type="submit" disabled={busy}>{busy ? t("common.loading") : t("login.submit")}</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      <p>
        <Link to="/akun/lupa-kata-sandi">{t("reset.link")}</Link>
      </p>
    </section>
  );
}
