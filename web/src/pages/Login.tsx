import { useState, type FormEvent } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router-dom";
import type { Me } from "../api";
import { useSession } from "../session";
import { useI18n } from "../i18n";
import { useAction } from "../useAction";
import { safeNext } from "../SignInFirst";

// Where a user starts: an applicant's own applications, an officer's worklist.
function home(me: Me): string {
  return me.kind === "applicant" ? "/beranda" : "/kerja";
}

export function Login() {
  const { t } = useI18n();
  const { me, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useAction(async (e: string, p: string) => {
    const who = await signIn(e, p);
    navigate(next ?? home(who), { replace: true });
    return who;
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(email, password);
  }

  // Already signed in (a bookmark of this page): straight on.
  if (me && !busy) return <Navigate to={next ?? home(me)} replace />;
  return (
    <section>
      <h1>{t("login.title")}</h1>
      {next && <p className="notice" role="status">{t("login.needed")}</p>}
      {params.get("kata-sandi") === "diganti" && <p className="notice" role="status">{t("login.password_changed")}</p>}
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
