// A user-triggered request with its busy flag, result and error message, so every form shows
// progress and failures the same way.
import { useState, type FormEvent } from "react";

export function useAction<A extends unknown[], T>(fn: (...args: A) => Promise<T>, describe: (e: unknown) => string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<T | null>(null);
  async function run(...args: A) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await fn(...args));
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  }
  // For forms whose action takes no arguments: <form onSubmit={submit}>.
  function submit(e: FormEvent) {
    e.preventDefault();
    void run(...([] as unknown as A));
  }
  return { busy, error, result, run, submit };
}
