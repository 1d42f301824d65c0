// Pengaduan: anyone files a complaint about a file or about the service, with or without an
// account, and attaches up to three files; the receipt gives the number, with which anyone holding
// it looks up the status and the office's answer (no names or contacts are shown there). A
// signed-in applicant also sees their complaints and answers here.
import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, ApiError, upload } from "../api";
import { useOffices } from "../catalog";
import { useI18n } from "../i18n";
import { useFetch } from "../Loadable";
import { useSession } from "../session";
import { useAction } from "../useAction";
import { when } from "../format";

interface Receipt {
  number: string;
  office_name: string;
  filed_at: string;
  due_at: string;
  attachment_key: string;
}
interface PublicComplaint {
  number: string;
  office_name: string;
  about: "application" | "service";
  status: "received" | "answered" | "closed";
  filed_at: string;
  due_at: string;
  answered_at: string | null;
  closed_at: string | null;
  overdue: boolean;
  answer: string | null;
}
interface MyComplaint {
  id: number;
  number: string;
  status: PublicComplaint["status"];
  subject: string;
  filed_at: string;
  due_at: string;
  answered_at: string | null;
  answer: string | null;
  registration_number: string | null;
}

export function Complaint() {
  const { t } = useI18n();
  const { number } = useParams();
  const { me } = useSession();
  return (
    <section>
      <h1>{t("complaint.title")}</h1>
      <p>{t("complaint.intro")}</p>
      <Lookup linked={number ?? ""} />
      {me?.kind === "applicant" && <Mine />}
      {(!me || me.kind === "applicant") && <FileForm signedIn={!!me} />}
    </section>
  );
}

function Lookup({ linked }: { linked: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [number, setNumber] = useState(linked);
  const look = useAction(
    (n: string) => api<PublicComplaint>("GET", `/api/v1/complaints/${encodeURIComponent(n.trim())}`),
    (e) => (e instanceof ApiError && e.status === 404 ? t("complaint.notfound") : undefined),
  );
  useEffect(() => {
    setNumber(linked);
    if (linked) void look.run(linked);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linked]);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (number.trim() === linked) void look.run(number);
    else navigate(`/pengaduan/${encodeURIComponent(number.trim())}`);
  }
  const c = look.result;
  return (
    <>
      <h2>{t("complaint.lookup")}</h2>
      <form onSubmit={submit} className="inline">
        <label htmlFor="complaint-number">{t("complaint.number")}</label>
        <input id="complaint-number" value={number} onChange={(e) => setNumber(e.target.value)} required
               placeholder="ADU-KAMPAR-2026-0001-XXXXX" />
        <button type="submit" disabled={look.busy}>{look.busy ? t("common.loading") : t("complaint.lookup.submit")}</button>
      </form>
      {look.error && <p role="alert" className="error">{look.error}</p>}
      {c && (
        <dl className="result" aria-live="polite">
          <dt>{t("complaint.number")}</dt>
          <dd>{c.number}</dd>
          <dt>{t("complaint.office")}</dt>
          <dd>{c.office_name}</dd>
          <dt>{t("complaint.status")}</dt>
          <dd>{t(`complaint.status.${c.status}`)}</dd>
          <dt>{t("complaint.filed")}</dt>
          <dd>{when(c.filed_at)}</dd>
          <dt>{t("complaint.due")}</dt>
          <dd className={c.overdue ? "overdue" : undefined}>{when(c.due_at)}{c.overdue && <> — {t("left.overdue")}</>}</dd>
          {c.answer && (
            <>
              <dt>{t("complaint.answer")} ({when(c.answered_at)})</dt>
              <dd className="answer" lang="id">{c.answer}</dd>
            </>
          )}
        </dl>
      )}
    </>
  );
}

function Mine() {
  const { t } = useI18n();
  const mine = useFetch(() => api<{ items: MyComplaint[] }>("GET", "/api/v1/me/complaints").then((r) => r.items), []);
  const list = mine.data ?? [];
  if (list.length === 0) return null;
  return (
    <>
      <h2>{t("complaint.mine")}</h2>
      <ul className="cards">
        {list.map((c) => (
          <li key={c.id}>
            <strong>{c.number}</strong> — <span lang="id">{c.subject}</span> · {t(`complaint.status.${c.status}`)}
            <br />
            {c.answer ? <span className="answer" lang="id">{c.answer}</span> : t("complaint.waiting", { due: when(c.due_at) })}
          </li>
        ))}
      </ul>
    </>
  );
}

function FileForm({ signedIn }: { signedIn: boolean }) {
  const { t } = useI18n();
  const offices = useOffices();
  const [form, setForm] = useState({ office: "", registration_number: "", subject: "", body: "", name: "", email: "", phone: "" });
  const [files, setFiles] = useState<File[]>([]);
  const [attached, setAttached] = useState<string[]>([]);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const filing = useAction(async () => {
    const body: Record<string, string> = { office: form.office, subject: form.subject, body: form.body };
    if (form.registration_number.trim()) body.registration_number = form.registration_number.trim();
    if (!signedIn) {
      body.name = form.name;
      if (form.email.trim()) body.email = form.email.trim();
      if (form.phone.trim()) body.phone = form.phone.trim();
    }
    const receipt = await api<Receipt>("POST", "/api/v1/complaints", body);
    const names: string[] = [];
    for (const f of files) {
      await upload(`/api/v1/complaints/${encodeURIComponent(receipt.number)}/attachments?filename=${encodeURIComponent(f.name)}`,
                   f, () => {}, { "X-Complaint-Key": receipt.attachment_key });
      names.push(f.name);
    }
    setAttached(names);
    return receipt;
  });
  const receipt = filing.result;
  if (receipt)
    return (
      <div role="status" className="notice receipt">
        <h2>{t("complaint.received")}</h2>
        <p>{t("complaint.received.text", { office: receipt.office_name, due: when(receipt.due_at) })}</p>
        <p className="big-number">{receipt.number}</p>
        <p>{t("complaint.keep")} <Link to={`/pengaduan/${encodeURIComponent(receipt.number)}`}>{t("complaint.keep.link")}</Link></p>
        {attached.length > 0 && <p>{t("complaint.attached", { files: attached.join(", ") })}</p>}
      </div>
    );
  return (
    <form onSubmit={filing.submit} className="stacked">
      <h2>{t("complaint.file")}</h2>
      <label htmlFor="c-office">{t("complaint.office")}</label>
      <select id="c-office" value={form.office} onChange={set("office")} required>
        <option value="">{t("complaint.office.choose")}</option>
        {(offices.data ?? []).map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
      </select>
      <label htmlFor="c-registration">{t("complaint.registration")}</label>
      <input id="c-registration" value={form.registration_number} onChange={set("registration_number")}
             placeholder="0001/REG/DPMPTSP-KPR/2026" aria-describedby="c-registration-hint" />
      <p id="c-registration-hint" className="muted">{t("complaint.registration.hint")}</p>
      <label htmlFor="c-subject">{t("complaint.subject")}</label>
      <input id="c-subject" value={form.subject} onChange={set("subject")} required minLength={5} maxLength={200} />
      <label htmlFor="c-body">{t("complaint.body")}</label>
      <textarea id="c-body" value={form.body} onChange={set("body")} required minLength={10} maxLength={4000} rows={6} />
      {!signedIn && (
        <>
          <label htmlFor="c-name">{t("complaint.name")}</label>
          <input id="c-name" value={form.name} onChange={set("name")} required minLength={2} autoComplete="name" />
          <label htmlFor="c-email">{t("complaint.email")}</label>
          <input id="c-email" type="email" value={form.email} onChange={set("email")} autoComplete="email"
                 aria-describedby="c-contact-hint" />
          <label htmlFor="c-phone">{t("complaint.phone")}</label>
          <input id="c-phone" type="tel" value={form.phone} onChange={set("phone")} autoComplete="tel"
                 aria-describedby="c-contact-hint" />
          <p id="c-contact-hint" className="muted">{t("complaint.contact.hint")}</p>
        </>
      )}
      <label htmlFor="c-files">{t("complaint.files")}</label>
      <input id="c-files" type="file" multiple accept="application/pdf,image/jpeg,image/png"
             onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, 3))} aria-describedby="c-files-hint" />
      <p id="c-files-hint" className="muted">{t("complaint.files.hint")}</p>
      {filing.error && <p role="alert" className="error">{filing.error}</p>}
      <p><button type="submit" disabled={filing.busy}>{filing.busy ? t("common.loading") : t("complaint.submit")}</button></p>
    </form>
  );
}
