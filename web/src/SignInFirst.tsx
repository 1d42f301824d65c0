// Pages that need an account: a signed-out visitor (or one whose session ended) is taken to the
// sign-in page, which brings them back here afterwards.
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { useI18n } from "./i18n";
import { useSession } from "./session";

export function ToSignIn() {
  const here = useLocation();
  return <Navigate to={`/masuk?next=${encodeURIComponent(here.pathname + here.search)}`} replace />;
}

export function SignInFirst({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { me, loading, signedOut, passwordChanged } = useSession();
  if (loading) return <p role="status" aria-live="polite">{t("common.loading")}</p>;
  if (!me && passwordChanged) return <Navigate to="/masuk?kata-sandi=diganti" replace />;
  if (!me) return signedOut ? <Navigate to="/" replace /> : <ToSignIn />;
  return <>{children}</>;
}

// Where `next` may lead: a path of this app only, never another site ("//evil.example").
export function safeNext(next: string | null): string | null {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : null;
}
