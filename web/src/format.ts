// Shared display helpers.
export function workingLeft(minutes: number, t: (k: string, v?: Record<string, string | number>) => string) {
  return t("left.value", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}
// Dates and times in the page's language (set by the language toggle), not the browser's.
export function locale() {
  return document.documentElement.lang === "en" ? "en-GB" : "id-ID";
}
export function when(iso: string | null | undefined) {
  return iso ? new Date(iso).toLocaleString(locale()) : "-";
}
// "Selesai — permohonan ditolak": a closed file says how it ended; a file never submitted (no
// registration number yet) is a draft, not "in progress".
export function statusText(phase: string, outcome: string | undefined, t: (k: string) => string, draft = false) {
  if (draft && phase === "at_step") return t("phase.draft");
  return phase === "closed" && outcome && outcome !== "none" ? `${t("phase.closed")} — ${t(`outcome.${outcome}`)}` : t(`phase.${phase}`);
}
