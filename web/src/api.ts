import type { Deadline, TimeStandard } from "./format";

// The satupintu API as the browser uses it: same origin, session cookie, CSRF token on writes,
// and every failure as an Error carrying the server's problem detail (never a silent failure).

// One field's problem in a checked form: its path ("data.other_sips[0].number") and the rule
// broken as a stable code, which the screens say in the chosen language.
export interface FieldProblem {
  field: string;
  rule: string;
  detail: string;
  min?: number; // the rule's bounds, when it has them
  max?: number;
}

// A refusal as the server gave it. `message` is the server's English detail, for logs and
// developers; screens word the problem from `code`, `errors` and `items` (see problem.ts), or
// fall back to the server's title in the chosen language.
export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public field?: string,
    public errors: FieldProblem[] = [],
    public title?: { id: string; en: string },
    public items: string[] = [],
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export function setCsrf(token: string | null) {
  csrfToken = token;
}

// Uploads a file with progress (fetch cannot report upload progress; XMLHttpRequest can).
export function upload<T>(path: string, file: File, onProgress: (fraction: number) => void,
                          extraHeaders: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", "id"); // problem titles: Indonesian, with title_en beside
    if (csrfToken) xhr.setRequestHeader("X-CSRF-Token", csrfToken);
    for (const [name, value] of Object.entries(extraHeaders)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, "network", "network error"));
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(problemFrom(xhr.status, xhr.statusText, xhr.responseText));
      try {
        resolve(JSON.parse(xhr.responseText) as T);
      } catch {
        resolve({} as T);
      }
    };
    xhr.send(file);
  });
}

// The server's problem+json (RFC 9457) as an ApiError; a body that is not JSON keeps the status text.
function problemFrom(status: number, statusText: string, text: string): ApiError {
  try {
    const p = JSON.parse(text);
    const code = typeof p.type === "string" ? p.type.replace("/problems/", "") : "error";
    const title = typeof p.title === "string" && typeof p.title_en === "string" ? { id: p.title, en: p.title_en } : undefined;
    return new ApiError(status, code, p.detail || p.title || statusText, p.field, Array.isArray(p.errors) ? p.errors : [],
                        title, Array.isArray(p.items) ? p.items.filter((x: unknown) => typeof x === "string") : []);
  } catch {
    return new ApiError(status, "error", statusText || "network error");
  }
}

// A response that is not JSON (a YAML definition, an SVG sheet): its body, or the problem as an ApiError.
export async function apiBlob(method: string, path: string, body?: unknown): Promise<Blob> {
  const headers: Record<string, string> = { "Accept-Language": "id" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: "same-origin",
                              body: body !== undefined ? JSON.stringify(body) : undefined });
  } catch {
    throw new ApiError(0, "network", "network error");
  }
  if (!res.ok) throw problemFrom(res.status, res.statusText, await res.text());
  return await res.blob();
}

export async function api<T>(method: string, path: string, body?: unknown, raw?: Blob): Promise<T> {
  // Problem titles come in Indonesian with title_en beside them, whatever the browser prefers.
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": "id" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (raw) headers["Content-Type"] = raw.type || "application/octet-stream";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
    });
  } catch {
    throw new ApiError(0, "network", "network error");
  }
  if (!res.ok) throw problemFrom(res.status, res.statusText, await res.text());
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export interface Office {
  code: string;
  name: string;
  regency: string;
  province: string;
  account_approval: boolean; // the office approves an applicant's account before files are submitted there
}
export interface Requirement {
  code: string;
  name: string;
  description: string;
  mandatory: boolean;
}
export interface Step {
  no: number;
  code: string;
  title: string; // a few words, for step trackers
  scope: string; // "account" for the registration steps, "application" otherwise
  description: string;
  actor_name: string;
  time: string;
  time_standard: TimeStandard | null;
  output: string;
}
export interface LocalText {
  id: string;
  en: string;
}
export type FieldType =
  | "text" | "long_text" | "number" | "date" | "choice" | "yes_no" | "email" | "phone" | "nik" | "npwp" | "nib"
  | "str_number" | "group" | "address";
export interface FormField {
  key: string;
  type: FieldType;
  label: LocalText;
  help?: LocalText;
  required: boolean;
  personal: boolean;
  on_permit: boolean;
  min_length?: number;
  max_length?: number;
  min?: number;
  max?: number;
  decimals?: number;
  pattern?: string;
  pattern_hint?: LocalText;
  options?: { value: string; label: LocalText }[];
  fields?: FormField[];
  min_items?: number;
  max_items?: number;
  show_if?: { field: string; values: string[] };
  example?: string;
}
export interface PermitForm {
  sections: { title: LocalText; fields: FormField[] }[];
}
export interface SopIdentity {
  number: string;
  name: string;
  created: string | null;
  revised: string | null;
  effective: string | null;
  approved_by: string;
  approver_nip: string;
  executor_qualifications: string[];
  related_sops: string[];
  equipment: string[];
  warnings: string[];
  records: string[];
}
// An office's satisfaction index over a period (GET /api/v1/offices/{office}/ikm, and the
// head of the officers' results).
export interface IkmFigures {
  office: string;
  from: string;
  to: string;
  respondents: number;
  ikm: number | null;
  grade: string | null;
  grade_label: string | null;
}
export interface Permit {
  code: string;
  sop: string;
  sop_version: number;
  identity: SopIdentity;
  form: PermitForm;
  conditions: string[];
  name: string;
  fee_rupiah: number;
  validity: string;
  legal_basis: { as_written: string[]; current: string[] };
  requirements: Requirement[];
  roles: { code: string; name: string; applicant: boolean }[];
  steps: Step[];
  notes: string[];
}
// One published version of an SOP (GET /api/v1/sops/{code}/versions).
export interface SopVersion {
  code: string;
  office: string;
  version: number;
  effective: string | null;
  published_at: string;
  published_by: string | null;
  sha256: string;
  status: "in_effect" | "upcoming" | "superseded";
}
// The check of a draft (POST /api/v1/sops/{code}/drafts/check).
export interface SopDraftCheck {
  code: string;
  office: string;
  version: number;
  effective: string | null;
  publishable: boolean;
  problems: { line: number; message: string }[];
}
export interface PublicStatus {
  registration_number: string;
  permit: string;
  office: string;
  phase: string;
  outcome: string;
  outcome_label: string;
  permit_number: string | null;
  submitted_at: string | null;
  step: { no: number; description: string; actor_name: string };
  deadline: Deadline | null;
}
export interface Verification {
  code: string;
  document: string;
  office: string;
  holder: string;
  permit_number: string | null;
  registration_number: string | null;
  issued_at: string | null;
  issued_at_text: string | null; // in the office's time, as people read it
  valid_until: string | null; // the last valid day, YYYY-MM-DD (valid through that whole day)
  valid_until_text: string | null; // as printed on the permit: "3 Desember 2031"
  status: "valid" | "expired" | "revoked" | "pending" | "draft";
  // The one answer to show. Without a file: valid, valid_unsigned, expired, revoked, pending or
  // draft. With one: not_issued, signature_invalid or identical_ and the document's verdict.
  verdict: string;
  signed: boolean;
  signer: string | null; // the certificate's subject, for machines
  signer_name: string | null;
  signer_title: string | null;
  revoked_reason: string | null;
  genuine?: boolean;
  upload?: { identical: boolean; signature: { signed: boolean; intact: boolean; trusted: boolean; problem: string | null } };
}
export interface Me {
  id: number;
  kind: "applicant" | "officer" | "admin";
  full_name: string;
  email: string;
  office: string | null;
  roles: string[];
  counter: boolean; // serves the office's counter: registers walk-in applicants and acts for them
  csrf_token?: string;
}
