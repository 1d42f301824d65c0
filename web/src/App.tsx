import { lazy, Suspense, useEffect, useRef, useState, type ReactElement } from "react";
import { BrowserRouter, Link, Navigate, NavLink, Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { useI18n } from "./i18n";
import { useSession } from "./session";
import { useDescribe } from "./problem";
import { SignInFirst } from "./SignInFirst";
import { Catalog } from "./pages/Catalog";
import { Status } from "./pages/Status";
import { Verify } from "./pages/Verify";
import { OfficeFiles } from "./pages/OfficeFiles";
import { Counter } from "./pages/Counter";
import { PageFocus } from "./PageFocus";
import { Profile } from "./pages/Profile";
import { wordNativeValidation } from "./nativeValidation";
import { Login } from "./pages/Login";
import { Home } from "./pages/Home";
import { Worklist } from "./pages/Worklist";
import { ApplicationDetail } from "./pages/ApplicationDetail";
import { Apply } from "./pages/Apply";
import { Register } from "./pages/Register";
import { SetPassword } from "./pages/SetPassword";
import { Accounts } from "./pages/Accounts";
import { ResetPassword } from "./pages/ResetPassword";
import { Closures } from "./pages/Closures";
import { Complaint } from "./pages/Complaint";
// The SOP editor is an admin's tool with its own libraries (yaml, diff): loaded when opened.
const OfficeSops = lazy(() => import("./pages/SopVersions").then((m) => ({ default: m.OfficeSops })));
// The survey's results draw a chart (Chart.js): loaded when opened.
const MonthlyReport = lazy(() => import("./pages/MonthlyReport").then((m) => ({ default: m.MonthlyReport })));
const OfficeComplaints = lazy(() => import("./pages/OfficeComplaints").then((m) => ({ default: m.OfficeComplaints })));
const MutuBaku = lazy(() => import("./pages/MutuBaku").then((m) => ({ default: m.MutuBaku })));
const RegisterBook = lazy(() => import("./pages/RegisterBook").then((m) => ({ default: m.RegisterBook })));
const SurveyResults = lazy(() => import("./pages/SurveyResults").then((m) => ({ default: m.SurveyResults })));
const OfficeSop = lazy(() => import("./pages/SopVersions").then((m) => ({ default: m.OfficeSop })));

function Header() {
  const { t, lang, setLang } = useI18n();
  const { me, signOut } = useSession();
  const describe = useDescribe();
  const navigate = useNavigate();
  const [logoutError, setLogoutError] = useState<string | null>(null);
  // On a phone the menu folds behind one button, and folds again once a page is chosen.
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);
  return (
    <header>
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <p className="brand">satupintu · {t("app.title")}</p>
      <button className="menu-toggle" aria-expanded={open} aria-controls="menu" onClick={() => setOpen(!open)}>
        {open ? t("nav.menu.close") : t("nav.menu")}
      </button>
      <nav id="menu" aria-label="Menu" className={open ? "open" : undefined}>
        <NavLink to="/">{t("nav.catalog")}</NavLink>
        <NavLink to="/status">{t("nav.status")}</NavLink>
        <NavLink to="/verifikasi">{t("nav.verify")}</NavLink>
        {(!me || me.kind === "applicant") && <NavLink to="/pengaduan" end>{t("nav.complaint")}</NavLink>}
        {me?.kind === "applicant" && <NavLink to="/ajukan">{t("nav.apply")}</NavLink>}
        {me?.kind === "applicant" && <NavLink to="/beranda">{t("nav.home")}</NavLink>}
        {me && me.kind !== "applicant" && <NavLink to="/kerja">{t("nav.worklist")}</NavLink>}
        {me?.counter && <NavLink to="/kantor/loket">{t("nav.counter")}</NavLink>}
        {me && me.kind !== "applicant" && <NavLink to="/kantor/berkas">{t("nav.files")}</NavLink>}
        {me && me.kind !== "applicant" && <NavLink to="/kantor/akun">{t("nav.accounts")}</NavLink>}
        {me?.kind === "admin" && <NavLink to="/kantor/kalender">{t("nav.closures")}</NavLink>}
        {me?.kind === "admin" && <NavLink to="/kantor/sop">{t("nav.sops")}</NavLink>}
        {me && me.kind !== "applicant" && <NavLink to="/kantor/registrasi">{t("nav.register_book")}</NavLink>}
        {me && me.kind !== "applicant" && <NavLink to="/kantor/mutu-baku">{t("nav.mutu_baku")}</NavLink>}
        {me && me.kind !== "applicant" && <NavLink to="/kantor/laporan">{t("nav.report")}</NavLink>}
        {me && me.kind !== "applicant" && <NavLink to="/kantor/survei">{t("nav.survey")}</NavLink>}
        {me && me.kind !== "applicant" && <NavLink to="/kantor/pengaduan">{t("nav.complaints")}</NavLink>}
        {me && <NavLink to="/akun">{t("nav.profile")}</NavLink>}
        {me ? (
          <button onClick={() => {
            setLogoutError(null);
            signOut()
              .then(() => navigate("/"))
              .catch((e) => setLogoutError(t("nav.logout_failed", { message: describe(e) })));
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

function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t("notfound.title")}</h1>
      <p>{t("notfound.text")}</p>
      <p><Link to="/">{t("notfound.home")}</Link></p>
    </section>
  );
}

// The browser's own form messages in the page's language (nativeValidation.ts).
function NativeValidation() {
  const { t } = useI18n();
  const current = useRef(t);
  current.current = t;
  useEffect(() => wordNativeValidation(() => current.current), []);
  return null;
}

// A page loaded when opened, with the loading text meanwhile.
function Later({ children }: { children: ReactElement }) {
  const { t } = useI18n();
  return <Suspense fallback={<p>{t("common.loading")}</p>}>{children}</Suspense>;
}

// Pages that need an account go through the sign-in page and come back.
const signedIn = (page: ReactElement) => <SignInFirst>{page}</SignInFirst>;

export function App() {
  return (
    <BrowserRouter>
      <Header />
      <PageFocus />
      <NativeValidation />
      <main id="main">
        <Routes>
          <Route path="/" element={<Catalog />} />
          <Route path="/status" element={<Status />} />
          <Route path="/verifikasi" element={<Verify />} />
          <Route path="/verifikasi/:code" element={<Verify />} />
          <Route path="/masuk" element={<Login />} />
          <Route path="/beranda" element={signedIn(<Home />)} />
          {/* The applicant's list was here before their home page: old bookmarks still work. */}
          <Route path="/permohonan" element={<Navigate to="/beranda" replace />} />
          <Route path="/permohonan/:id" element={signedIn(<ApplicationDetail />)} />
          <Route path="/kerja" element={signedIn(<Worklist />)} />
          <Route path="/ajukan" element={signedIn(<Apply />)} />
          <Route path="/daftar" element={<Register />} />
          <Route path="/akun/kata-sandi" element={<SetPassword />} />
          <Route path="/akun" element={signedIn(<Profile />)} />
          <Route path="/kantor/akun" element={signedIn(<Accounts />)} />
          <Route path="/kantor/berkas" element={signedIn(<OfficeFiles />)} />
          <Route path="/kantor/loket" element={signedIn(<Counter />)} />
          <Route path="/kantor/kalender" element={signedIn(<Closures />)} />
          <Route path="/kantor/sop" element={signedIn(<Later><OfficeSops /></Later>)} />
          <Route path="/kantor/registrasi" element={signedIn(<Later><RegisterBook /></Later>)} />
          <Route path="/kantor/mutu-baku" element={signedIn(<Later><MutuBaku /></Later>)} />
          <Route path="/kantor/laporan" element={signedIn(<Later><MonthlyReport /></Later>)} />
          <Route path="/pengaduan" element={<Complaint />} />
          <Route path="/pengaduan/:number" element={<Complaint />} />
          <Route path="/kantor/pengaduan" element={signedIn(<Later><OfficeComplaints /></Later>)} />
          <Route path="/kantor/survei" element={signedIn(<Later><SurveyResults /></Later>)} />
          <Route path="/kantor/sop/:code" element={signedIn(<Later><OfficeSop /></Later>)} />
          <Route path="/akun/lupa-kata-sandi" element={<ResetPassword />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </BrowserRouter>
  );
}
