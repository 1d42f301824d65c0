// Shared display helpers.
export function workingLeft(minutes: number, t: (k: string, v?: Record<string, string | number>) => string) {
  return t("left.value", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}
export function when(iso: string | null | undefined) {
  return iso ? new Date(iso).toLocaleString() : "-";
}
