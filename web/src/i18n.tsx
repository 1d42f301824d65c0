// Texts live in locales/*.json; Bahasa Indonesia is the default, English a toggle kept in
// localStorage. t("key", {name}) fills {placeholders}; a missing key shows itself, so a gap is
// visible in review rather than blank.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import id from "./locales/id.json";
import en from "./locales/en.json";

export type Lang = "id" | "en";
const texts: Record<Lang, Record<string, string>> = { id, en };

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: string, vars?: Record<string, string | number>) => string;
}
const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem("lang") === "en" ? "en" : "id"));
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem("lang", l);
    setLangState(l);
  }, []);
  const t = useCallback(
    (key: string, vars?: Record<string, string | number>) => {
      let s = texts[lang][key] ?? key;
      for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    },
    [lang],
  );
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error("useI18n outside I18nProvider");
  return v;
}
