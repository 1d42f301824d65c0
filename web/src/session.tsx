// Who is signed in, read from /api/v1/me at start; the CSRF token of the cookie session goes
// to api.ts for every write.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { api, ApiError, setCsrf, type Me } from "./api";

interface Session {
  me: Me | null;
  loading: boolean;
  signIn: (email: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  // The server said the session has ended (it expired meanwhile): forget it here too, so the
  // pages that need an account lead to the sign-in page.
  expire: () => void;
  // Whether the user signed out here (a protected page then leads home, not to the sign-in page).
  signedOut: boolean;
  // The password was changed here: every session ended, and the sign-in page says why.
  passwordChanged: boolean;
  endAfterPasswordChange: () => void;
}
const Ctx = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [signedOut, setSignedOut] = useState(false);
  const [passwordChanged, setPasswordChanged] = useState(false);
  useEffect(() => {
    api<Me>("GET", "/api/v1/me")
      .then((m) => {
        setCsrf(m.csrf_token ?? null);
        setMe(m);
      })
      .catch((e) => {
        if (!(e instanceof ApiError) || e.status !== 401) console.error(e);
      })
      .finally(() => setLoading(false));
  }, []);
  const signIn = useCallback(async (email: string, password: string) => {
    const r = await api<{ user: Me }>("POST", "/api/v1/session", { email, password });
    setCsrf(r.user.csrf_token ?? null);
    setSignedOut(false);
    setPasswordChanged(false);
    setMe(r.user);
    return r.user;
  }, []);
  const signOut = useCallback(async () => {
    await api("DELETE", "/api/v1/session");
    setCsrf(null);
    setSignedOut(true);
    setMe(null);
  }, []);
  const expire = useCallback(() => {
    setCsrf(null);
    setMe(null);
  }, []);
  const endAfterPasswordChange = useCallback(() => {
    setCsrf(null);
    setPasswordChanged(true);
    setMe(null);
  }, []);
  return (
    <Ctx.Provider value={{ me, loading, signedOut, passwordChanged, signIn, signOut, expire, endAfterPasswordChange }}>
      {children}
    </Ctx.Provider>
  );
}

export function useSession(): Session {
  const v = useContext(Ctx);
  if (!v) throw new Error("useSession outside SessionProvider");
  return v;
}
