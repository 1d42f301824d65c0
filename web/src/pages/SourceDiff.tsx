// What changed between two texts of an SOP (two published versions, or a draft and the version
// it succeeds), line by line as the `diff` library finds it: added and removed lines with their
// numbers, unchanged stretches folded to a few lines of context.
import { diffLines } from "diff";
import { useI18n } from "../i18n";

const CONTEXT = 3;

interface Row {
  kind: "same" | "added" | "removed" | "fold";
  before?: number; // line number in the old text
  after?: number;  // line number in the new text
  text: string;
}

function rows(before: string, after: string): Row[] {
  const out: Row[] = [];
  let a = 1, b = 1;
  const parts = diffLines(before, after);
  parts.forEach((part, index) => {
    const lines = part.value.replace(/\n$/, "").split("\n");
    if (part.added) for (const l of lines) out.push({ kind: "added", after: b++, text: l });
    else if (part.removed) for (const l of lines) out.push({ kind: "removed", before: a++, text: l });
    else {
      const same: Row[] = lines.map((l) => ({ kind: "same", before: a++, after: b++, text: l }));
      // Before the first change and after the last, only the context next to it.
      const head = index === 0 ? 0 : CONTEXT;
      const tail = index === parts.length - 1 ? 0 : CONTEXT;
      if (same.length <= head + tail + 1) out.push(...same);
      else {
        out.push(...same.slice(0, head));
        out.push({ kind: "fold", text: String(same.length - head - tail) });
        out.push(...same.slice(same.length - tail));
      }
    }
  });
  return out;
}

export function SourceDiff({ before, after, label }: { before: string; after: string; label: string }) {
  const { t } = useI18n();
  const list = rows(before, after);
  const added = list.filter((r) => r.kind === "added").length;
  const removed = list.filter((r) => r.kind === "removed").length;
  if (added === 0 && removed === 0) return <p className="notice">{t("sop.diff.none")}</p>;
  return (
    <figure className="source-diff">
      <figcaption>{label} — {t("sop.diff.counts", { added, removed })}</figcaption>
      {/* Focusable, so its lines can be scrolled sideways from the keyboard. */}
      <pre tabIndex={0} aria-label={label}>
        {list.map((r, i) =>
          r.kind === "fold" ? (
            <span key={i} className="fold">{t("sop.diff.folded", { count: Number(r.text) })}{"\n"}</span>
          ) : (
            <span key={i} className={r.kind}>
              <span className="no" aria-hidden="true">{r.kind === "removed" ? r.before : r.after}</span>
              {r.kind === "added" ? <ins>{"+ " + r.text}</ins> : r.kind === "removed" ? <del>{"- " + r.text}</del> : "  " + r.text}
              {"\n"}
            </span>
          ),
        )}
      </pre>
    </figure>
  );
}
