// The office's account work: pending registrations to approve or reject (the SOP gives one
// hour), and, for the office admin, adding officers with their SOP roles.
import { useState } from "react";
import { api } from "../api";
import { useOfficePermits } from "../catalog";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";
import { useAction } from "../useAction";
import { useSession } from "../session";

interface Account {
  id: number;
  full_name: string;
  email: string;
  phone: string;
  profession: string;
  nik: string;
  approval_due_at: number | null;
  approval_overdue: boolean;
}

export function Accounts() {
  const { t } = useI18n();
  const { me } = useSession();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const pending = useFetch(
    () => api<{ items: Account[] }>("GET", "/api/v1/office/accounts?status=pending").then((r) => r.items), [version]);
  const done = (text: string) => {
    setNotice(text);
    setVersion((v) => v + 1);
  };
  return (
    <section>
      <h1>{t("accounts.title")}</h1>
      {notice && <p role="status" className="notice">{notice}</p>}
      <Loadable state={pending}>
        {(list) =>
          list.length === 0 ? <p>{t("accounts.empty")}</p> : (
            <ul className="cards">
              {list.map((a) => <Pending key={a.id} account={a} onDone={() => done(t("accounts.decided"))} />)}
            </ul>
          )
        }
      </Loadable>
      {me?.kind === "admin" && me.office && <AddOfficer office={me.office} onDone={() => done(t("officers.done"))} />}
    </section>
  );
}

function Pending({ account: a, onDone }: { account: Account; onDone: () => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState("");
  const { busy, error, run } = useAction(async (approve: boolean) => {
    await api("POST", `/api/v1/office/accounts/${a.id}/decision`, approve ? { approve } : { approve, note });
    onDone();
  }, (e) => (e as Error).message);
  return (
    <li>
      <strong>{a.full_name}</strong> — {a.profession}, {a.email}, {a.phone}, NIK {a.nik}
      <br />
      {a.approval_due_at && (
        <span className={a.approval_overdue ? "overdue" : undefined}>
          {t("accounts.due")}: {new Date(a.approval_due_at * 1000).toLocaleString()}
        </span>
      )}
      <p>
        <label htmlFor={`reject-${a.id}`}>{t("accounts.reject_note", { name: a.full_name })}</label>
        <input id={`reject-${a.id}`} value={note} onChange={(e) => setNote(e.target.value)} />
      </p>
      <p className="buttons">
        <button disabled={busy} onClick={() => void run(true)}>{t("accounts.approve")}</button>
        <button disabled={busy || !note.trim()} onClick={() => void run(false)}>{t("accounts.reject")}</button>
      </p>
      {error && <p role="alert" className="error">{error}</p>}
    </li>
  );
}

function AddOfficer({ office, onDone }: { office: string; onDone: () => void }) {
  const { t } = useI18n();
  const permits = useOfficePermits(office);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [roles, setRoles] = useState<string[]>([]);
  const { busy, error, submit } = useAction(async () => {
    await api("POST", "/api/v1/office/officers", { full_name: name, email, roles });
    setName("");
    setEmail("");
    setRoles([]);
    onDone();
  }, (e) => (e as Error).message);
  return (
    <form onSubmit={submit}>
      <h2>{t("officers.title")}</h2>
      <p>
        <label htmlFor="officer-name">{t("officers.name")}</label>
        <input id="officer-name" value={name} required onChange={(e) => setName(e.target.value)} />
      </p>
      <p>
        <label htmlFor="officer-email">{t("officers.email")}</label>
        <input id="officer-email" type="email" value={email} required onChange={(e) => setEmail(e.target.value)} />
      </p>
      <Loadable state={permits}>
        {(list) => {
          const all = new Map<string, string>();
          for (const p of list) for (const r of p.roles ?? []) if (!r.applicant) all.set(r.code, r.name);
          return (
            <fieldset>
              <legend>{t("officers.roles")}</legend>
              {[...all].map(([code, label]) => (
                <label key={code} className="choice">
                  <input type="checkbox" checked={roles.includes(code)}
                         onChange={(e) => setRoles(e.target.checked ? [...roles, code] : roles.filter((r) => r !== code))} />{" "}
                  {label}
                </label>
              ))}
            </fieldset>
          );
        }}
      </Loadable>
      <button type="submit" disabled={busy}>{t("officers.submit")}</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}
