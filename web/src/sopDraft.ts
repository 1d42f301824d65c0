// An SOP draft as its YAML text (docs/sop-format.md), edited in place. The editor's fields read
// the text through the `yaml` library's document and write back by replacing the source range of
// the one value they change, so everything else — comments, folded texts, blank lines, the order
// of keys — stays as the office wrote it, and the history's diff shows only what changed.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Node } from "yaml";

export type Path = (string | number)[];

export interface Draft {
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export function readDraft(text: string): Draft {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  return { text, doc, lines };
}

function nodeAt(d: Draft, path: Path): Node | undefined {
  return d.doc.getIn(path, true) as Node | undefined;
}

// The value at `path` as text ("" when absent or not a scalar).
export function textAt(d: Draft, path: Path): string {
  const n = nodeAt(d, path);
  return isScalar(n) && n.value !== null && n.value !== undefined ? String(n.value) : "";
}

export function flagAt(d: Draft, path: Path, fallback: boolean): boolean {
  const n = nodeAt(d, path);
  return isScalar(n) && typeof n.value === "boolean" ? n.value : fallback;
}

// The texts of a list of scalars ([] when absent).
export function listAt(d: Draft, path: Path): string[] {
  const n = nodeAt(d, path);
  if (!isSeq(n)) return [];
  return n.items.map((i) => (isScalar(i) && i.value !== null ? String(i.value) : ""));
}

export function countAt(d: Draft, path: Path): number {
  const n = nodeAt(d, path);
  return isSeq(n) ? n.items.length : 0;
}

// The first and last line (1-based) the value at `path` takes, or null.
export function linesOf(d: Draft, path: Path): [number, number] | null {
  const n = nodeAt(d, path);
  if (!n || !n.range) return null;
  const first = d.lines.linePos(n.range[0]).line;
  const last = d.lines.linePos(Math.max(n.range[0], n.range[1] - 1)).line;
  return [first, last];
}

// A string as a YAML scalar on one line: plain where YAML reads it back as the same string,
// else double-quoted (JSON's escapes are YAML's).
function scalarText(value: string): string {
  if (value.includes("\n") || value.includes("\r")) return JSON.stringify(value);
  return stringify(value, { lineWidth: 0 }).replace(/\n+$/, "");
}

// The offset just past the end of the line holding `at` (or the text's end).
function lineEnd(text: string, at: number): number {
  if (at > 0 && text[at - 1] === "\n") return at;
  const nl = text.indexOf("\n", at);
  return nl < 0 ? text.length : nl + 1;
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}

function column(d: Draft, offset: number): number {
  return d.lines.linePos(offset).col - 1;
}

function withNewline(text: string): string {
  return text.endsWith("\n") || text === "" ? text : text + "\n";
}

// Replaces the value at `path` with `raw` YAML (one line); adds the key to its mapping when absent.
function replaceValue(d: Draft, path: Path, raw: string): string {
  const n = nodeAt(d, path);
  if (n && n.range) {
    const [start, end] = n.range;
    const block = isScalar(n) && (n.type === "BLOCK_FOLDED" || n.type === "BLOCK_LITERAL");
    if (!block && !d.text.slice(start, end).includes("\n")) return d.text.slice(0, start) + raw + d.text.slice(end);
    // A value over several lines (a folded text, a block list) becomes one line after its key.
    let from = start;
    while (from > 0 && " \t\n".includes(d.text[from - 1])) from--;
    return d.text.slice(0, from) + " " + raw + "\n" + d.text.slice(lineEnd(d.text, end));
  }
  const key = path[path.length - 1];
  const parent = nodeAt(d, path.slice(0, -1));
  if (typeof key !== "string" || !isMap(parent) || !parent.range || parent.flow || parent.items.length === 0) return d.text;
  const firstKey = parent.items[0].key as Node;
  const indent = " ".repeat(column(d, firstKey.range![0]));
  const text = withNewline(d.text);
  const at = lineEnd(text, Math.min(parent.range[1], text.length));
  return text.slice(0, at) + indent + key + ": " + raw + "\n" + text.slice(at);
}

export function setText(d: Draft, path: Path, value: string): string {
  return replaceValue(d, path, scalarText(value));
}

// A number (a version): written as a number, not a quoted text.
export function setNumber(d: Draft, path: Path, value: number): string {
  return replaceValue(d, path, String(Math.trunc(value)));
}

export function setFlag(d: Draft, path: Path, value: boolean): string {
  return replaceValue(d, path, value ? "true" : "false");
}

// A list of texts, written as a flow list ([a, "b, c"]); empty lines are dropped.
export function setList(d: Draft, path: Path, values: string[]): string {
  const items = values.map((v) => v.trim()).filter((v) => v !== "");
  // Inside brackets a plain text may not hold the list's own punctuation.
  const flow = (v: string) => (/[,[\]{}:#"']/.test(v) ? JSON.stringify(v) : scalarText(v));
  return replaceValue(d, path, "[" + items.map(flow).join(", ") + "]");
}

// Appends `item` to the block list at `path`, in the list's own indentation (and with a blank
// line before it where the list's items are set apart by one).
export function appendItem(d: Draft, path: Path, item: Record<string, unknown>): string {
  const seq = nodeAt(d, path);
  if (!isSeq(seq) || seq.flow || !seq.range || seq.items.length === 0) return d.text;
  const first = seq.items[0] as Node;
  const dash = Math.max(0, column(d, first.range![0]) - 2);
  const body = stringify([item], { lineWidth: 0 })
    .replace(/\n$/, "")
    .split("\n")
    .map((l) => " ".repeat(dash) + l)
    .join("\n");
  const second = seq.items[1] as Node | undefined;
  const spaced = second?.range && /\n[ \t]*\n/.test(d.text.slice(first.range![1], second.range[0]));
  const text = withNewline(d.text);
  const at = lineEnd(text, Math.min(seq.range[1], text.length));
  return text.slice(0, at) + (spaced ? "\n" : "") + body + "\n" + text.slice(at);
}

// Removes item `index` of the block list at `path`, with its lines.
export function removeItem(d: Draft, path: Path, index: number): string {
  const seq = nodeAt(d, path);
  if (!isSeq(seq) || seq.flow || index < 0 || index >= seq.items.length || seq.items.length === 1) return d.text;
  const item = seq.items[index] as Node;
  const next = seq.items[index + 1] as Node | undefined;
  const from = lineStart(d.text, item.range![0]);
  const to = next?.range ? lineStart(d.text, next.range[0]) : lineEnd(d.text, item.range![1]);
  return d.text.slice(0, from) + d.text.slice(to);
}
