"""Test harness: starts real processes on 127.0.0.1 and stops them afterwards.

- SmtpSink: Debian's aiosmtpd writing to a Maildir.
- PostgresCluster: a throwaway cluster from Debian's postgresql, on a free loopback port.
- Server: `satupintu serve` on a fresh database.
- Client: an HTTP client that keeps the session cookie and sends the CSRF token on writes.

Time: the test executable (`satupintu-test`) starts its clock at PINNED_START plus the time
since this module was loaded (`--test-clock`), so every server of a run, restarts included, sees
one clock moving forward from a Monday morning in Purwakarta, whatever hour the tests run at.
`now()` is that clock; `advance()` moves it forward for every server at once (a shift file the
servers read, `--test-clock-shift-file`). The production executable has no such option and reads
the real time.
"""
import atexit
import datetime
import http.client
import json
import mailbox
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse

DEBIAN_PYTHON = "/usr/bin/python3"


WIB = datetime.timezone(datetime.timedelta(hours=7))
# A Monday, 09:00 WIB, with working days around it: office hours hold for the whole run.
PINNED_START = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=WIB)
_CLOCK_ORIGIN = time.monotonic()


# Seconds the clock has been moved forward (advance()), read by every server of the run.
_SHIFT_FILE = os.path.join(tempfile.gettempdir(), f"satupintu-clock-shift-{os.getpid()}")
_shift = 0
with open(_SHIFT_FILE, "w") as _f:
    _f.write("0")
atexit.register(lambda: os.path.exists(_SHIFT_FILE) and os.remove(_SHIFT_FILE))


def _unshifted():
    return PINNED_START + datetime.timedelta(seconds=time.monotonic() - _CLOCK_ORIGIN)


def now():
    """The servers' clock (see the module note), as an aware datetime."""
    return _unshifted() + datetime.timedelta(seconds=_shift)


def advance(seconds):
    """Moves the servers' clock forward (an inspection day reached, a deadline passed)."""
    global _shift
    _shift += int(seconds)
    with open(_SHIFT_FILE + ".new", "w") as f:
        f.write(str(_shift))
    os.replace(_SHIFT_FILE + ".new", _SHIFT_FILE)
    time.sleep(0.05)  # the servers read the file at most every 20 ms


def clock_args(binary):
    """The global options that pin the clock of `binary`: only the test executable takes them."""
    if os.path.basename(binary) != "satupintu-test":
        return []
    return _pinned_args(_unshifted()) + ["--test-clock-shift-file", _SHIFT_FILE]


def _pinned_args(at):
    """--test-clock at whole seconds, and the system time at which that second held: the server's
    clock then runs from that moment, not from its own start, and agrees with now() however long
    it takes to start."""
    whole = at.replace(microsecond=0)
    held_at = time.time() - (at - whole).total_seconds()
    return ["--test-clock", whole.isoformat(), "--test-clock-held-at", f"{held_at:.6f}"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, proc, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port} after {timeout}s")


class SmtpSink:
    def __init__(self, workdir):
        self.dir = os.path.join(workdir, "maildir")
        self.port = free_port()
        self.proc = subprocess.Popen(
            [DEBIAN_PYTHON, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}",
             "-c", "aiosmtpd.handlers.Mailbox", self.dir],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port, self.proc)

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def messages(self):
        if not os.path.isdir(self.dir):
            return []
        return list(mailbox.Maildir(self.dir, create=False))

    def wait_for(self, predicate, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = [m for m in self.messages() if predicate(m)]
            if found:
                return found
            time.sleep(0.1)
        raise AssertionError("no such mail arrived; got: " + ", ".join(decoded_subject(m) for m in self.messages()))

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def decoded_subject(msg):
    from email.header import decode_header, make_header
    return str(make_header(decode_header(msg["Subject"] or "")))


def mail_body(msg):
    payload = msg.get_payload(decode=True)
    return payload.decode("utf-8") if payload else ""


class PostgresCluster:
    """A throwaway PostgreSQL 15 cluster. initdb refuses root, so it runs as `postgres`.
    Durable as production runs it: fsync=on and synchronous_commit=on (the defaults, stated here
    so that nobody turns them off for speed); an acknowledged write has reached the disk.
    SATUPINTU_PG_OPTIONS adds server options, for measuring (e.g. "-c shared_preload_libraries=
    pg_stat_statements" for the time each statement takes under a benchmark's load)."""

    def __init__(self, workdir):
        self.port = free_port()
        self.dir = os.path.join(workdir, "pg")
        os.makedirs(self.dir)
        bindir = "/usr/lib/postgresql/15/bin"
        self.as_user = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(workdir, pw.pw_uid, pw.pw_gid)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.pg_ctl = os.path.join(bindir, "pg_ctl")
        subprocess.run(self.as_user + [os.path.join(bindir, "initdb"), "-D", self.dir, "-A", "trust", "-U", "postgres",
                                       "-E", "UTF8", "--no-sync"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(self.start_command(), check=True, stdout=subprocess.DEVNULL)
        self.databases = 0

    def start_command(self):
        """The command that starts the cluster (again, after stop_command) on its port."""
        return self.as_user + [self.pg_ctl, "-D", self.dir, "-w", "-l", os.path.join(self.dir, "log"),
                               "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=on"
                               " -c synchronous_commit=on " + os.environ.get("SATUPINTU_PG_OPTIONS", ""), "start"]

    def stop_command(self):
        return self.as_user + [self.pg_ctl, "-D", self.dir, "-w", "-m", "fast", "stop"]

    def new_database(self, unix_socket=False):
        """unix_socket: connect through the cluster's socket directory instead of TCP on 127.0.0.1,
        as a server on the same machine would."""
        self.databases += 1
        name = f"satupintu_{self.databases}"
        subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-q", "-c",
                        f"CREATE DATABASE {name}"], check=True, stdout=subprocess.DEVNULL)
        if unix_socket:
            return f"postgresql://postgres@/{name}?host={self.dir}&port={self.port}"
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def psql(self, url, sql):
        return subprocess.run(["psql", url, "-qtA", "-c", sql], check=True, capture_output=True, text=True).stdout

    def stop(self):
        subprocess.run(self.stop_command(), stdout=subprocess.DEVNULL)

    def restart(self):
        """Stops the server (dropping every client connection) and starts it again on the same port."""
        subprocess.run(self.as_user + [self.pg_ctl, "-D", self.dir, "-w", "-m", "fast", "restart"], check=True,
                       stdout=subprocess.DEVNULL)


METRICS_TOKEN = "metrics-token-for-tests"

# The tests send thousands of requests from one address; the per-address limits are scaled up
# for them, except where a test starts a server of its own to check the limits themselves.
TEST_SERVER_ENV = {"SATUPINTU_METRICS_TOKEN": METRICS_TOKEN, "SATUPINTU_RATE_LIMIT_SCALE": "100"}


def private_clock_args(binary, shift_file):
    """A clock of its own for a server: the run's clock now, moved on by the seconds written in
    `shift_file`, so a test can pass deadlines for its servers alone."""
    if os.path.basename(binary) != "satupintu-test":
        return []
    return _pinned_args(now()) + ["--test-clock-shift-file", shift_file]


class Server:
    def __init__(self, binary, db_url, smtp_url, workdir, data_dir, extra_env=None, clock=None):
        self.binary = binary
        self.db = db_url
        self.port = free_port()
        self.log_path = os.path.join(workdir, f"server-{self.port}.log")
        self.log = open(self.log_path, "w")
        env = dict(os.environ, SATUPINTU_DATA_DIR=data_dir, SATUPINTU_BLOB_DIR=os.path.join(workdir, "blobs"),
                   SATUPINTU_PKI_DIR=os.path.join(workdir, "pki"), **TEST_SERVER_ENV)
        env.update(extra_env or {})
        clock = clock_args(binary) if clock is None else clock
        subprocess.run([binary, *clock, "demo", "--db", db_url], check=True, env=env, stdout=subprocess.DEVNULL,
                       stderr=self.log)  # a no-op when the database already has the demo
        args = [binary, *clock, "serve", "--db", db_url, "--listen", f"127.0.0.1:{self.port}"]
        if smtp_url:
            args += ["--smtp", smtp_url]
        self.proc = subprocess.Popen(args, env=env, stdout=self.log, stderr=self.log)
        wait_for_port(self.port, self.proc)

    def client(self):
        return Client(self.port)

    def metrics(self):
        return self.client().get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}).body.decode()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(30)
        self.log.close()
        return self.proc.returncode


# The API contract: every JSON answer any test receives must match the schema docs/openapi.json
# gives its route and status (problems: the Problem schema), so the document cannot drift from
# the server.
_SPEC = None


def _spec():
    global _SPEC
    if _SPEC is None:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "openapi.json")) as f:
            spec = json.load(f)
        routes = []
        for template, ops in spec["paths"].items():
            pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
            routes.append((pattern, template, ops))
        _SPEC = (spec, routes)
    return _SPEC


def check_contract(method, target, resp):
    """Raises AssertionError when a JSON answer does not match docs/openapi.json."""
    import jsonschema
    content_type = resp.headers.get("content-type", "")
    if method == "HEAD" or not resp.body or not content_type.startswith(("application/json", "application/problem+json")):
        return
    spec, routes = _spec()
    path = target.split("?", 1)[0]
    where = f"{method} {path} answered {resp.status}"
    if content_type.startswith("application/problem+json"):
        schema = spec["components"]["schemas"]["Problem"]
    else:
        match = next(((t, ops) for pattern, t, ops in routes if pattern.match(path) and method.lower() in ops), None)
        if not match:
            raise AssertionError(f"{where} with JSON, but docs/openapi.json has no such route")
        template, ops = match
        responses = ops[method.lower()]["responses"]
        documented = responses.get(str(resp.status)) or responses.get(f"{resp.status // 100}XX")
        schema = ((documented or {}).get("content") or {}).get("application/json", {}).get("schema")
        if schema is None:
            raise AssertionError(f"{where} with JSON, but docs/openapi.json gives {template} no JSON schema for it")
    try:
        # The components ride along, so "#/components/schemas/X" resolves (recursive schemas too:
        # a form's group holds fields).
        jsonschema.Draft202012Validator(dict(schema, components=spec["components"])).validate(json.loads(resp.body))
    except jsonschema.ValidationError as e:
        raise AssertionError(f"{where}: the body does not match docs/openapi.json at "
                             f"{'/'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message}") from None


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"<{self.status} {self.body[:300]!r}>"


def form_examples(form):
    """Form data built from each field's declared example, as the server's demo data builds it
    (forms/form_examples.cpp): fields whose condition the examples meet, one item per group."""
    def value(f):
        ex = f.get("example")
        if ex is None:
            return None
        if f["type"] == "yes_no":
            return ex == "true"
        if f["type"] == "number":
            return json.loads(ex)
        if f["type"] == "address":  # the example names a village; the codes above are its prefixes
            parts = ex.split(".")
            return {k: ".".join(parts[:n]) for k, n in (("province", 1), ("regency", 2), ("district", 3), ("village", 4))}
        return ex

    def level(fields):
        out = {}
        for f in fields:
            cond = f.get("show_if")
            if cond:
                v = out.get(cond["field"])
                text = ("true" if v else "false") if isinstance(v, bool) else v
                if text not in cond["values"]:
                    continue
            if f["type"] == "group":
                item = level(f["fields"])
                if item:
                    out[f["key"]] = [item]
            else:
                v = value(f)
                if v is not None:
                    out[f["key"]] = v
        return out

    return level([f for s in form["sections"] for f in s["fields"]])


_permit_forms = {}


def example_data(port, sop, **overrides):
    """Valid form data for the newest version of `sop`, read from the server's catalogue, with
    `overrides` on top: tests never hard-code a permit's fields."""
    if (port, sop) not in _permit_forms:
        c = Client(port)
        for office in c.get("/api/v1/offices").json()["items"]:
            for p in c.get(f"/api/v1/offices/{office['code']}/permits").json()["items"]:
                _permit_forms[(port, p["sop"])] = p["form"]
    data = form_examples(_permit_forms[(port, sop)])
    data.update(overrides)
    return data


class Client:
    def __init__(self, port):
        self.port = port
        self.cookie = None
        self.cookie_attributes = ""
        self.csrf = None
        self.bearer = None

    def request(self, method, path, body=None, headers=None, raw=None, csrf=True):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        if self.cookie:
            h["Cookie"] = f"sp_session={self.cookie}"
        if self.bearer:
            h["Authorization"] = f"Bearer {self.bearer}"
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            h.setdefault("X-CSRF-Token", self.csrf)
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        resp = Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        conn.close()
        check_contract(method, path, resp)
        for k, v in r.getheaders():
            if k.lower() == "set-cookie" and v.startswith("sp_session="):
                value = v.split(";")[0].split("=", 1)[1]
                self.cookie = value or None
                self.cookie_attributes = v
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def login(self, email, password="satupintu-demo", kind="cookie"):
        r = self.post("/api/v1/session", {"email": email, "password": password, "kind": kind})
        if r.status != 200:
            raise AssertionError(f"login {email}: {r}")
        j = r.json()
        if kind == "bearer":
            self.bearer = j["token"]
        else:
            self.csrf = j["user"]["csrf_token"]
        return j


def quote(s):
    return urllib.parse.quote(s, safe="")


def pdf_text(pdf_bytes):
    """The text of a PDF as pdftotext (poppler-utils) reads it."""
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf_bytes, capture_output=True, check=True).stdout.decode()


def pdfsig(pdf_bytes):
    """poppler's report on a PDF's signatures."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf_bytes)
        f.flush()
        return subprocess.run(["pdfsig", f.name], capture_output=True, text=True).stdout


def pdf_from_objects(objects, tail=""):
    """A PDF of numbered objects (object 1 the catalog) with a valid cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objects):
        offsets.append(len(out))
        out += f"{i + 1} 0 obj\n{o}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for o in offsets:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n{tail}".encode()
    return out


def small_pdf(title="dokumen", page_extra=""):
    """A one-page PDF; `page_extra` goes into the page dictionary."""
    return pdf_from_objects(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                             "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]" + page_extra + " >>"],
                            f"% {title}\n")


class Environment:
    """One backend (sqlite or postgresql) plus an SMTP sink for a test run."""

    def __init__(self, backend, binary, data_dir):
        self.backend = backend
        self.binary = binary
        self.data_dir = data_dir
        self.workdir = tempfile.mkdtemp(prefix=f"satupintu-{backend}-")
        os.chmod(self.workdir, 0o755)
        self.smtp = SmtpSink(self.workdir)
        self.pg = PostgresCluster(self.workdir) if backend == "postgresql" else None
        self.sqlite_count = 0

    def new_db(self):
        if self.pg:
            return self.pg.new_database()
        self.sqlite_count += 1
        return f"sqlite:{self.workdir}/db{self.sqlite_count}/satupintu.db"

    def command(self, *args):
        """A command line of the binary under test, on the run's clock."""
        return [self.binary, *clock_args(self.binary), *args]

    def server(self, db=None, extra_env=None, mail=True):
        """mail=False leaves SMTP unconfigured: mail still lands in the outbox, nobody delivers it."""
        return Server(self.binary, db or self.new_db(), self.smtp.url if mail else None, self.workdir, self.data_dir,
                      extra_env)

    def close(self):
        self.smtp.stop()
        if self.pg:
            self.pg.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)
