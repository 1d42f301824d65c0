// The office's account work: applicants waiting for the office's approval (new registrations,
// and accounts from other offices applying here for the first time), to approve or reject (the
// SOP gives one hour), and, for the office admin, adding officers with their SOP roles.
import { useState } from "react";
import { api } from "../api";
import { useOfficePermits } from "../catalog";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";
import { useAction } from "../useAction";
import { useSession } from "../session";
import { useFieldNote } from "../problem";
import { locale } from "../format";

interface Account {
  id: number;
  full_name: string;
  email: string;
  phone: string;
  profession: string;
  nik: string;
  approval_requested_at: number | null;
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
      {me?.kind === "admin" && me.office && (
        <>
          <RoleRequests version={version} myId={me.id} onDone={() => done(t("grants.approved"))} />
          <Officers office={me.office} version={version} myId={me.id} onNotice={done}
                    onDone={(pending) => done(t(pending ? "officers.roles_pending" : "officers.roles_saved"))} />
          <AddOfficer office={me.office} onDone={() => done(t("officers.done"))} />
        </>
      )}
    </section>
  );
}

function Pending({ account: a, onDone }: { account: Account; onDone: () => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState("");
  const { busy, error, run } = useAction(async (approve: boolean) => {
    await api("POST", `/api/v1/office/accounts/${a.id}/decision`, approve ? { approve } : { approve, note });
    onDone();
  });
  return (
    <li>
      <strong>{a.full_name}</strong> — {a.profession}, {a.email}, {a.phone}, NIK {a.nik}
      <br />
      {a.approval_requested_at && (
        <>{t("accounts.requested")}: {new Date(a.approval_requested_at * 1000).toLocaleString(locale())} · </>
      )}
      {a.approval_due_at && (
        <span className={a.approval_overdue ? "overdue" : undefined}>
          {t("accounts.due")}: {new Date(a.approval_due_at * 1000).toLocaleString(locale())}
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

// The office's SOP roles an officer can hold, by code, from its permits' SOPs.
function useOfficeRoles(office: string) {
  const permits = useOfficePermits(office);
  const roles = new Map<string, string>();
  for (const p of permits.data ?? []) for (const r of p.roles ?? []) if (!r.applicant) roles.set(r.code, r.name);
  return { permits, roles };
}

function RoleChoices({ roles, chosen, onChange }: { roles: Map<string, string>; chosen: string[]; onChange: (r: string[]) => void }) {
  return (
    <>
      {[...roles].map(([code, label]) => (
        <label key={code} className="choice">
          <input type="checkbox" checked={chosen.includes(code)}
                 onChange={(e) => onChange(e.target.checked ? [...chosen, code] : chosen.filter((r) => r !== code))} />{" "}
          {label}
        </label>
      ))}
    </>
  );
}

interface RoleGrant {
  id: number;
  officer_name: string;
  roles: string[];
  requested_by: number;
  requested_by_name: string;
}

// Requests for a signing role, made by another admin of the office: a second admin approves
// them (the requester cannot).
function RoleRequests({ version, myId, onDone }: { version: number; myId: number; onDone: () => void }) {
  const { t } = useI18n();
  const list = useFetch(
    () => api<{ items: RoleGrant[] }>("GET", "/api/v1/office/role-grants").then((r) => r.items), [version]);
  const { busy, error, run } = useAction(async (id: number) => {
    await api("POST", `/api/v1/office/role-grants/${id}/approval`, {});
    onDone();
  });
  return (
    <Loadable state={list}>
      {(items) => items.length === 0 ? null : (
        <>
          <h2>{t("grants.title")}</h2>
          <ul className="cards">
            {items.map((g) => (
              <li key={g.id}>
                {t("grants.request", { name: g.officer_name, roles: g.roles.join(", "), by: g.requested_by_name })}
                {g.requested_by === myId ? <p>{t("grants.yours")}</p> : (
                  <p className="buttons">
                    <button disabled={busy} onClick={() => void run(g.id)}>{t("grants.approve")}</button>
                  </p>
                )}
              </li>
            ))}
          </ul>
          {error && <p role="alert" className="error">{error}</p>}
        </>
      )}
    </Loadable>
  );
}

type Officer = Account & { kind: string; roles: string[]; status: string; nip: string | null };

// The office's officers, in use and out of use, with their roles; the admin changes them in
// place, and looks after each account (NIP, password reset, out of use and back).
function Officers({ office, version, myId, onDone, onNotice }: {
  office: string; version: number; myId: number; onDone: (pending: boolean) => void; onNotice: (text: string) => void;
}) {
  const { t } = useI18n();
  const { roles } = useOfficeRoles(office);
  const list = useFetch(
    () => Promise.all(["active", "disabled"].map((status) =>
      api<{ items: Officer[] }>("GET", `/api/v1/office/accounts?status=${status}`).then((r) => r.items)))
      .then(([active, disabled]) => [...active, ...disabled].filter((a) => a.kind !== "applicant")),
    [version],
  );
  return (
    <>
      <h2>{t("officers.list")}</h2>
      <Loadable state={list}>
        {(items) => (
          <ul className="cards">
            {items.map((o) => (
              <li key={o.id}>
                <strong>{o.full_name}</strong> — {o.email}
                {o.kind === "admin" && <> ({t("officers.admin")})</>}
                {o.status === "disabled" && <> · <span className="mark mark-overdue">{t("officers.disabled")}</span></>}
                {o.status === "active" && <OfficerRoles officer={o} roles={roles} onDone={onDone} />}
                {o.kind === "officer" && o.id !== myId && <OfficerCare officer={o} onDone={onNotice} />}
              </li>
            ))}
          </ul>
        )}
      </Loadable>
    </>
  );
}

// The NIP, a password reset, and putting the account out of use or back; the last two asked once more.
function OfficerCare({ officer: o, onDone }: { officer: Officer; onDone: (text: string) => void }) {
  const { t } = useI18n();
  const [nip, setNip] = useState(o.nip ?? "");
  const [confirming, setConfirming] = useState<"deactivation" | "password-reset" | null>(null);
  const saveNip = useAction(async () => {
    await api("PUT", `/api/v1/office/officers/${o.id}/nip`, { nip });
    onDone(t("officers.nip_saved", { name: o.full_name }));
  });
  const act = useAction(async (what: "deactivation" | "activation" | "password-reset") => {
    setConfirming(null);
    await api("POST", `/api/v1/office/officers/${o.id}/${what}`, {});
    onDone(t(`officers.${what}_done`, { name: o.full_name }));
  });
  const fieldNote = useFieldNote(saveNip.problems);
  const nipNote = fieldNote("nip", `nip-${o.id}`);
  return (
    <div className="officer-care">
      {o.status === "active" && (
        <form className="inline" onSubmit={saveNip.submit}>
          <label htmlFor={`nip-${o.id}`}>{t("officers.nip", { name: o.full_name })}</label>
          <input id={`nip-${o.id}`} inputMode="numeric" value={nip} maxLength={40} placeholder="19700101 200003 1 001"
                 onChange={(e) => setNip(e.target.value)} {...nipNote.attrs} />
          <button type="submit" className="small" disabled={saveNip.busy}>{t("officers.nip_save")}</button>
          {nipNote.note}
        </form>
      )}
      <p className="buttons">
        {o.status === "active" ? (
          <>
            <button className="small secondary" disabled={act.busy} onClick={() => setConfirming("password-reset")}>
              {t("officers.reset")}
            </button>
            <button className="small secondary" disabled={act.busy} onClick={() => setConfirming("deactivation")}>
              {t("officers.deactivate")}
            </button>
          </>
        ) : (
          <button className="small" disabled={act.busy} onClick={() => void act.run("activation")}>{t("officers.activate")}</button>
        )}
      </p>
      {confirming && (
        <div role="alertdialog" aria-labelledby={`care-${o.id}`} className="confirm">
          <p id={`care-${o.id}`}>{t(`officers.${confirming}_question`, { name: o.full_name })}</p>
          <p className="buttons">
            <button disabled={act.busy} onClick={() => void act.run(confirming)}>{t(`officers.${confirming}_confirm`)}</button>
            <button className="secondary" onClick={() => setConfirming(null)}>{t("sign.cancel")}</button>
          </p>
        </div>
      )}
      {(saveNip.error && !saveNip.problems.length) && <p role="alert" className="error">{saveNip.error}</p>}
      {act.error && <p role="alert" className="error">{act.error}</p>}
    </div>
  );
}

function OfficerRoles({ officer: o, roles, onDone }: {
  officer: Officer; roles: Map<string, string>; onDone: (pending: boolean) => void;
}) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<string[]>(o.roles);
  const { busy, error, run } = useAction(async () => {
    // A signing role waits for a second admin: the answer says "pending" then.
    const r = await api<{ status: string }>("PUT", `/api/v1/office/officers/${o.id}/roles`, { roles: chosen });
    onDone(r.status === "pending");
  });
  return (
    <>
      <fieldset>
        <legend>{t("officers.roles_of", { name: o.full_name })}</legend>
        <RoleChoices roles={roles} chosen={chosen} onChange={setChosen} />
      </fieldset>
      <button className="small" disabled={busy} onClick={() => void run()}>{t("officers.save_roles")}</button>
      {error && <p role="alert" className="error">{error}</p>}
    </>
  );
}

function AddOfficer({ office, onDone }: { office: string; onDone: () => void }) {
  const { t } = useI18n();
  const { permits, roles: known } = useOfficeRoles(office);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [roles, setRoles] = useState<string[]>([]);
  const { busy, error, submit } = useAction(async () => {
    await api("POST", "/api/v1/office/officers", { full_name: name, email, roles });
    setName("");
    setEmail("");
    setRoles([]);
    onDone();
  });
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
        {() => (
          <fieldset>
            <legend>{t("officers.roles")}</legend>
            <RoleChoices roles={known} chosen={roles} onChange={setRoles} />
          </fieldset>
        )}
      </Loadable>
      <button type="submit" disabled={busy}>{t("officers.submit")}</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}
