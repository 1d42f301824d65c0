// Loading and error states for anything fetched: a spinner text while waiting, the failure in
// the chosen language and a retry button; a session that has ended leads to the sign-in page.
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { ApiError } from "./api";
import { useI18n } from "./i18n";
import { useDescribe } from "./problem";
import { ToSignIn } from "./SignInFirst";
import { useSession } from "./session";

export function useFetch<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [tick, setTick] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setError(null);
    run()
      .then((d) => live && setData(d))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [run, tick]);
  return { data, error, retry: () => setTick((n) => n + 1) };
}

// A fetch found the session ended: forget it, then on to the sign-in page and back.
function Expired() {
  const { expire } = useSession();
  useEffect(() => expire(), [expire]);
  return <ToSignIn />;
}

export function Loadable<T>({ state, children }: { state: ReturnType<typeof useFetch<T>>; children: (d: T) => ReactNode }) {
  const { t } = useI18n();
  const describe = useDescribe();
  if (state.error instanceof ApiError && state.error.status === 401) return <Expired />;
  if (state.error)
    return (
      <div role="alert" className="error">
        {describe(state.error)}{" "}
        <button onClick={state.retry}>{t("common.retry")}</button>
      </div>
    );
  if (state.data === null)
    return (
      <p role="status" aria-live="polite">
        {t("common.loading")}
      </p>
    );
  return <>{children(state.data)}</>;
}
