// A user-triggered request with its busy flag, result and error message, so every form shows
// progress and failures the same way: in the chosen language (problem.tsx), with the field
// problems of a refusal kept for the notes beside the fields. A session that has ended leads to
// the sign-in page and back.
import { useState, type FormEvent } from "react";
import { ApiError, type FieldProblem } from "./api";
import { useDescribe } from "./problem";
import { useSession } from "./session";

// `describe` words the failures a page knows better (a 404 of a lookup, requirement names);
// returning undefined leaves a failure to the common wording.
export function useAction<A extends unknown[], T>(fn: (...args: A) => Promise<T>,
                                                  describe?: (e: unknown) => string | undefined) {
  const common = useDescribe();
  const { expire } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [result, setResult] = useState<T | null>(null);
  async function run(...args: A) {
    setBusy(true);
    setError(null);
    setProblems([]);
    setResult(null);
    try {
      setResult(await fn(...args));
    } catch (e) {
      // The session ended meanwhile: the page leads to the sign-in page and back (SignInFirst).
      if (e instanceof ApiError && e.code === "unauthenticated") expire();
      if (e instanceof ApiError) setProblems(e.errors);
      setError(describe?.(e) ?? common(e));
    } finally {
      setBusy(false);
    }
  }
  // For forms whose action takes no arguments: <form onSubmit={submit}>.
  function submit(e: FormEvent) {
    e.preventDefault();
    void run(...([] as unknown as A));
  }
  return { busy, error, problems, setProblems, result, run, submit };
}
