import { useState } from "react";
import { BrowserRouter, NavLink, Route, Routes } from "react-router-dom";
import { useI18n } from "./i18n";
import { useSession } from "./session";
import { Catalog } from "./pages/Catalog";
import { Status } from "./pages/Status";
import { Verify } from "./pages/Verify";
import { Login } from "./pages/Login";
import { MyApplications } from "./pages/MyApplications";
import { Worklist } from "./pages/Worklist";
import { ApplicationDetail } from "./pages/ApplicationDetail";
import { Apply } from "./pages/Apply";
import { Register } from "./pages/Register";
import { SetPassword } from "./pages/SetPassword";
import { Accounts } from "./pages/Accounts";
import { ResetPassword } from "./pages/ResetPassword";
import { Closures } from "./pages/Closures";

function Header() {
  const { t, lang, setLang } = useI18n();
  const { me, signOut } = useSession();
  const [logoutError, setLogoutError] = useState<string | null>(null);
  return (
    <header>
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <p className="brand">satupintu · {t("app.title")}</p>
      <nav aria-label="Menu">
        <NavLink to="/">{t("nav.catalog")}</NavLink>
        <NavLink to="/status">{t("nav.status")}</NavLink>
        <NavLink to="/verifikasi">{t("nav.verify")}</NavLink>
        {me?.kind === "applicant" && <NavLink to="/ajukan">{t("nav.apply")}</NavLink>}
        {me?.kind === "applicant" && <NavLink to="/permohonan" end>{t("nav.mine")}</NavLink>}
        {me && me.kind !== "applicant" && <NavLink to="/kerja">{t("nav.worklist")}</NavLink>}
        {me && me.kind !== "applicant" && <NavLink to="/kantor/akun">{t("nav.accounts")}</NavLink>}
        {me?.kind === "admin" && <NavLink to="/kantor/kalender">{t("nav.closures")}</NavLink>}
        {me ? (
          <button onClick={() => {
            setLogoutError(null);
            signOut().catch((e: Error) => setLogoutError(t("nav.logout_failed", { message: e.message })));
          }}>{t("nav.logout")}</button>
        ) : (
          <>
            <NavLink to="/daftar">{t("nav.register")}</NavLink>
            <NavLink to="/masuk">{t("nav.login")}</NavLink>
          </>
        )}
        <button onClick={() => setLang(lang === "id" ? "en" : "id")} aria-label={t("nav.language.label")} lang={lang === "id" ? "en" : "id"}>
          {t("nav.language")}
        </button>
      </nav>
      {logoutError && <p role="alert" className="error">{logoutError}</p>}
    </header>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Header />
      <main id="main">
        <Routes>
          <Route path="/" element={<Catalog />} />
          <Route path="/status" element={<Status />} />
          <Route path="/verifikasi" element={<Verify />} />
          <Route path="/verifikasi/:code" element={<Verify />} />
          <Route path="/masuk" element={<Login />} />
          <Route path="/permohonan" element={<MyApplications />} />
          <Route path="/permohonan/:id" element={<ApplicationDetail />} />
          <Route path="/kerja" element={<Worklist />} />
          <Route path="/ajukan" element={<Apply />} />
          <Route path="/daftar" element={<Register />} />
          <Route path="/akun/kata-sandi" element={<SetPassword />} />
          <Route path="/kantor/akun" element={<Accounts />} />
          <Route path="/kantor/kalender" element={<Closures />} />
          <Route path="/akun/lupa-kata-sandi" element={<ResetPassword />} />
          <Route path="*" element={<Catalog />} />
        </Routes>
      </main>
    </BrowserRouter>
  );
}
