#!/usr/bin/python3
"""Scale: a deployment's history (1,000,000 applications across 50 offices by default) loaded by
scale_generate, then a real `satupintu serve` answers the worklist, the status lookup, the
timeline, the public lookup, the office search, the Mutu Baku dashboard and the monthly report
under load (wrk), on SQLite and on PostgreSQL. Reports p99 per query, the server's peak RSS and
the indexes each query uses.

Usage: run.py SATUPINTU_BINARY SCALE_GENERATE_BINARY REPO_DIR [PERFORMANCE.md]
Env: SCALE_APPLICATIONS (default 1000000), SCALE_OFFICES (default 50), BENCH_SECONDS (default 10),
     SCALE_BACKENDS (default "sqlite postgresql").
"""
import datetime
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "integration"))
import harness  # noqa: E402

N = int(os.environ.get("SCALE_APPLICATIONS", "1000000"))
OFFICES = int(os.environ.get("SCALE_OFFICES", "50"))
DURATION = os.environ.get("BENCH_SECONDS", "10")
BACKENDS = os.environ.get("SCALE_BACKENDS", "sqlite postgresql").split()
CONNECTIONS = 8
SAMPLE_OFFICES = 10  # officers of this many offices take part in the load
TARGET_P99_MS = 50
TARGET_RSS_MB = 200


def make_data_dir(repo, out):
    """OFFICES offices: odd ones shaped like Purwakarta (10 steps, 7 roles), even ones like Kampar
    (6 steps, 4 roles), each with its own code, SOP codes and numbering."""
    os.makedirs(os.path.join(out, "sop"))
    # web: the region data address fields are checked against (web/node_modules/idn-area-data).
    for name in ("calendar", "templates", "web"):
        os.symlink(os.path.join(os.path.abspath(repo), name), os.path.join(out, name))
    for k in range(1, OFFICES + 1):
        template = "purwakarta" if k % 2 else "kampar"
        code = f"kab{k:02d}"
        src = os.path.join(repo, "sop", template)
        dst = os.path.join(out, "sop", code)
        os.makedirs(dst)
        for f in os.listdir(src):
            if not f.endswith(".yaml"):
                continue
            text = open(os.path.join(src, f)).read()
            text = re.sub(r"^code: (pwk|kpr)-", f"code: {code}-", text, flags=re.M)
            text = re.sub(r"^code: (purwakarta|kampar)$", f"code: {code}", text, flags=re.M)
            text = re.sub(r"^office: (purwakarta|kampar)$", f"office: {code}", text, flags=re.M)
            # Numbers are unique across the deployment: each office's formats name the office.
            text = re.sub(r'^(  (?:registration|permit): ")(.*)DPMPTSP(-PWK|-KPR)?', rf"\1\2DPMPTSP-{code.upper()}", text,
                          flags=re.M)
            open(os.path.join(dst, f), "w").write(text)


def wrk(script_env, port):
    env = dict(os.environ, **script_env)
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", "-s",
                          os.path.join(HERE, "requests.lua"), f"http://127.0.0.1:{port}/"],
                         env=env, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(rf"{p}%\s+([\d.]+)(us|ms|s)", out)
        return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    bad = re.search(r"non2xx (\d+)", out)
    return {"rps": rps, "p50_ms": pct(50), "p99_ms": pct(99), "non2xx": int(bad.group(1)) if bad else 0}


def rss_kb(pid):
    status = open(f"/proc/{pid}/status").read()
    return {k: int(re.search(rf"{k}:\s+(\d+)", status).group(1)) for k in ("VmRSS", "VmHWM")}


def search_fragment(registration_number):
    """'0123/REG/DPMPTSP-KAB01/2026' -> '0123/reg': the start of a number, as a clerk types it."""
    head, _, rest = registration_number.partition("/")
    return (head + "/" + rest[:3]).lower()


class Queries:
    """Reads the database directly for the sample the load uses, and asks the planner for each
    query's plan."""

    def __init__(self, backend, db, pg):
        self.backend, self.db, self.pg = backend, db, pg

    def rows(self, sql):
        if self.backend == "sqlite":
            con = sqlite3.connect(self.db)
            try:
                return con.execute(sql).fetchall()
            finally:
                con.close()
        out = subprocess.run(["psql", self.db, "-qtA", "-F", "\t", "-c", sql], check=True, capture_output=True,
                             text=True).stdout
        return [tuple(line.split("\t")) for line in out.splitlines() if line]

    def plan(self, sql):
        if self.backend == "sqlite":
            return "; ".join(r[3] for r in self.rows("EXPLAIN QUERY PLAN " + sql))
        lines = [r[0].strip() for r in self.rows("EXPLAIN (COSTS OFF) " + sql)]
        return "; ".join(l.lstrip("-> ").strip() for l in lines)


# The statements the four reads run (src/service/application_queries.cpp, application_record.cpp),
# with sample values filled in for the planner.
PLANNED = [
    ("worklist", "SELECT a.*, u.full_name FROM applications a LEFT JOIN users u ON u.id = a.applicant_id "
                 "WHERE a.office = '{office}' AND a.phase = 'at_step' AND a.sop_code = '{sop}' AND a.sop_version = 1 "
                 "AND a.step IN (5,7)"),
    ("status, timeline", "SELECT * FROM applications WHERE id = {id}"),
    ("timeline", "SELECT e.seq FROM events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.office = '{office}' "
                 "AND e.application_id = {id} ORDER BY e.seq"),
    ("timeline, detail", "SELECT id FROM documents WHERE application_id = {id} ORDER BY requirement, revision"),
    ("public lookup", "SELECT id FROM applications WHERE registration_number = '{reg}'"),
    ("office search (PostgreSQL)", "SELECT a.id FROM applications a JOIN users u ON u.id = a.applicant_id WHERE a.office = '{office}' "
                      "AND a.id IN (SELECT x.id FROM applications x WHERE x.office = '{office}' AND "
                      "(lower(x.registration_number) LIKE '%{fragment}%' OR lower(x.permit_number) LIKE '%{fragment}%') "
                      "UNION SELECT y.id FROM applications y JOIN users v ON v.id = y.applicant_id WHERE y.office = '{office}' "
                      "AND lower(v.full_name) LIKE '%{fragment}%') ORDER BY a.id DESC LIMIT 50"),
    ("office search (SQLite)", "SELECT a.id FROM applications a JOIN users u ON u.id = a.applicant_id WHERE a.office = '{office}' "
                               "AND (lower(a.registration_number) LIKE '%{fragment}%' OR lower(a.permit_number) LIKE "
                               "'%{fragment}%' OR lower(u.full_name) LIKE '%{fragment}%') ORDER BY a.id DESC LIMIT 50"),
    ("monthly report, decided", "SELECT a.sop_code, a.outcome, COUNT(*) FROM applications a WHERE a.office = '{office}' "
                                "AND a.phase = 'closed' AND a.step_started_at >= 1790000000 AND a.step_started_at < "
                                "1792700000 AND a.registration_number IS NOT NULL GROUP BY a.sop_code, a.outcome"),
    ("monthly report, open", "SELECT a.sop_code, COUNT(*) FROM applications a WHERE a.office = '{office}' AND a.phase IN "
                             "('at_step', 'with_applicant') AND a.submitted_at < 1800000000 AND a.registration_number IS "
                             "NOT NULL GROUP BY a.sop_code"),
]


def slow_statements(log, start):
    """Prints, slowest first, the statements the cluster logged as slow during the load."""
    with open(log, errors="replace") as f:
        f.seek(start)
        text = f.read()
    slow = {}
    for ms, sql in re.findall(r"duration: ([\d.]+) ms\s+(?:statement|execute [^:]*): (.*)", text):
        key = re.sub(r"\s+", " ", sql)[:160]
        n, worst = slow.get(key, (0, 0.0))
        slow[key] = (n + 1, max(worst, float(ms)))
    total = sum(n for n, _ in slow.values())
    print(f"postgresql: {total} statements over 25 ms during the load", flush=True)
    for key, (n, worst) in sorted(slow.items(), key=lambda kv: -kv[1][1])[:10]:
        print(f"  {n} x, worst {worst:.0f} ms: {key}", flush=True)
    return total


def measure(backend, binary, generator, repo, data_dir, workdir, pg):
    if pg:
        db = pg.new_database(unix_socket=True)
        db_path = None
    else:
        db_path = os.path.join(workdir, "scale.db")
        db = db_path
    gen = subprocess.run([generator, db, data_dir, str(N)], capture_output=True, text=True)
    if gen.returncode != 0:
        raise RuntimeError(f"scale_generate failed: {gen.stderr[-3000:]}")
    loaded = json.loads(gen.stdout.strip().splitlines()[-1])
    print(f"{backend}: loaded {loaded}", flush=True)
    # The load wrote gigabytes the kernel has yet to flush; measuring while it does measures the
    # disk's write-back, not the queries. Wait for it first.
    os.sync()
    q = Queries(backend, db_path or db, pg)
    if pg:
        # Statements slower than this land in the cluster's log; slow_statements() names them, so
        # a tail in the figures can be traced to the statement (or the background job) behind it.
        q.rows(f"ALTER DATABASE {q.rows('SELECT current_database()')[0][0]} SET log_min_duration_statement = 25")
        pg_log = os.path.join(pg.dir, "log")
    size = (os.path.getsize(db_path) if db_path else
            int(q.rows("SELECT pg_database_size(current_database())")[0][0]))

    port = harness.free_port()
    # One load generator is one address: per-address limits off (SATUPINTU_RATE_LIMIT_SCALE=0).
    env = dict(os.environ, SATUPINTU_DATA_DIR=data_dir, SATUPINTU_BLOB_DIR=os.path.join(workdir, "blobs"),
               SATUPINTU_PKI_DIR=os.path.join(workdir, "pki"), SATUPINTU_RATE_LIMIT_SCALE="0")
    log = open(os.path.join(workdir, f"server-{backend}.log"), "w")
    proc = subprocess.Popen([binary, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"], env=env, stdout=log,
                            stderr=log)
    try:
        harness.wait_for_port(port, proc, timeout=120)
        # The server counts its dashboards' ended months in the background when it starts
        # (service/mutu_baku.hpp warm_dashboards); the queries are measured once it has.
        deadline = time.monotonic() + 900
        while "dashboard figures of ended months counted" not in open(log.name).read():
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("the server did not count its dashboards' figures in 15 minutes")
            time.sleep(1)
        counted = open(log.name).read().split("dashboard figures of ended months counted")[1].splitlines()[0].strip()
        print(f"{backend}: dashboards' ended months counted {counted}", flush=True)
        offices = [f"kab{k:02d}" for k in random.Random(7).sample(range(1, OFFICES + 1), min(SAMPLE_OFFICES, OFFICES))]
        tokens, officers = {}, {}
        for office in offices:
            roles = [r[0] for r in q.rows(
                "SELECT DISTINCT role FROM user_roles WHERE office = '" + office + "'")]
            for role in roles:
                c = harness.Client(port)
                c.login(f"{role}@{office}.scale", password="satupintu-scale", kind="bearer")
                officers.setdefault(office, []).append(c.bearer)
            tokens[office] = officers[office][0]
        # A sample of every office's applications: ids for status and timeline, numbers for lookup.
        sample = []
        for office in offices:
            sample += [(office, r[0], r[1]) for r in q.rows(
                "SELECT id, registration_number FROM applications WHERE office = '" + office + "' "
                "AND registration_number IS NOT NULL ORDER BY random() LIMIT 300")]
        random.Random(11).shuffle(sample)
        # The office-files search by a fragment of a number or a name: a registration number's
        # sequence as a clerk types it ("0123/reg"), or the distinctive end of a name (the
        # generated names are "Pemohon <id>", so any other part of them matches nearly everyone).
        names = {office: [r[0] for r in q.rows(
            "SELECT u.full_name FROM applications a JOIN users u ON u.id = a.applicant_id WHERE a.office = '" + office +
            "' ORDER BY random() LIMIT 50")] for office in offices}
        fragments = []
        for k, (office, _, reg) in enumerate(sample):
            if k % 2 == 0 or not names[office]:
                fragments.append((office, search_fragment(reg)))
            else:
                name = names[office][k % len(names[office])]
                fragments.append((office, name[-6:]))
        # The Mutu Baku dashboard as an office head opens it: this month, the quarter to date, one permit.
        today = datetime.date.today()
        quarter = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1).isoformat()
        dashboards = []
        for o in offices:
            permits = [p["code"] for p in harness.Client(port).get(f"/api/v1/offices/{o}/permits").json()["items"]]
            for t in officers[o]:
                dashboards += [f"{t} /api/v1/office/dashboard",
                               f"{t} /api/v1/office/dashboard?from={quarter}&to={today.isoformat()}"]
                dashboards += [f"{t} /api/v1/office/dashboard?permit={harness.quote(p)}" for p in permits]
        random.Random(13).shuffle(dashboards)
        # The monthly report as the office sends it: last month, this month to date, the year.
        last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        reports = []
        for o in offices:
            for t in officers[o]:
                reports += [f"{t} /api/v1/office/report",
                            f"{t} /api/v1/office/report?from={last_month.isoformat()}&to="
                            f"{(today.replace(day=1) - datetime.timedelta(days=1)).isoformat()}",
                            f"{t} /api/v1/office/report?from={today.replace(month=1, day=1).isoformat()}&to={today.isoformat()}"]
        random.Random(17).shuffle(reports)
        lines = {
            "worklist": [f"{t} /api/v1/worklist" for o in offices for t in officers[o]],
            "status": [f"{tokens[o]} /api/v1/applications/{i}/status" for o, i, _ in sample],
            "timeline": [f"{tokens[o]} /api/v1/applications/{i}/timeline" for o, i, _ in sample],
            "public lookup": [f"- /api/v1/status?registration={harness.quote(r)}" for _, _, r in sample],
            "office search": [f"{tokens[o]} /api/v1/office-files?q={harness.quote(f)}" for o, f in fragments],
            "Mutu Baku dashboard": dashboards,
            "monthly report": reports,
        }
        worklist_sizes = []
        for o in offices:
            for t in officers[o]:
                c = harness.Client(port)
                c.bearer = t
                worklist_sizes.append(c.get("/api/v1/worklist").json()["count"])
        results = {}
        pg_log_start = os.path.getsize(pg_log) if pg else 0
        for name, reqs in lines.items():
            path = os.path.join(workdir, f"requests-{name.replace(' ', '_')}.txt")
            open(path, "w").write("\n".join(reqs) + "\n")
            # wrk stops at its time, not its requests: the previous query's last requests (an office
            # search takes a third of a second) still run in the server. Each query starts alone.
            time.sleep(2)
            results[name] = wrk({"REQUESTS": path}, port)
            print(f"{backend}: {name}: {results[name]}", flush=True)
        rss = rss_kb(proc.pid)
        slow = slow_statements(pg_log, pg_log_start) if pg else None
        one = sample[0]
        sop = q.rows(f"SELECT sop_code FROM applications WHERE id = {one[1]}")[0][0]
        fragment = search_fragment(one[2]).lower()
        # Each backend's own form of the office search (store/sql: trigram indexes on PostgreSQL only).
        other = "(SQLite)" if backend == "postgresql" else "(PostgreSQL)"
        plans = [(used_by, q.plan(sql.format(office=one[0], id=one[1], reg=one[2], sop=sop, fragment=fragment)))
                 for used_by, sql in PLANNED if not used_by.endswith(other)]
        return {"loaded": loaded, "db_bytes": size, "results": results, "rss_kb": rss, "plans": plans, "slow": slow,
                "worklist_items": (min(worklist_sizes), max(worklist_sizes))}
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()


def table(rows):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    out = ["<!-- scale:begin -->",
           f"Command: `make bench` (`bench/scale/run.py`: `scale_generate` loads the history, then wrk -t2 -c{CONNECTIONS} "
           f"for {DURATION} s per query against `satupintu serve` with its default settings; officers of "
           f"{SAMPLE_OFFICES} offices, 300 random applications per office)  ",
           f"Machine: {cpu}, {os.cpu_count()} cores shared by wrk and the server. {datetime.date.today()}. "
           "PostgreSQL: a throwaway local cluster (fsync=on and synchronous_commit=on, as in the tests) over its Unix socket.",
           ""]
    for backend, r in rows:
        l = r["loaded"]
        out.append(f"**{backend}**: {l['applications']:,} applications ({l['open']:,} open) in {l['offices']} offices, "
                   f"{l['events']:,} audit events, {l['users']:,} users, {l['documents']:,} uploads, "
                   f"{l['generated_documents']:,} generated documents; database {r['db_bytes'] / (1 << 30):.1f} GiB, "
                   f"loaded in {l['seconds']:.0f} s. Worklists of the sampled officers: {r['worklist_items'][0]} to "
                   f"{r['worklist_items'][1]} items."
                   + (f" Statements PostgreSQL logged as slower than 25 ms during the load: {r['slow']}."
                      if r.get("slow") is not None else ""))
        out.append("")
    out += ["| backend | query | requests/s | p50 | p99 | target p99 | non-2xx |", "|---|---|---:|---:|---:|---|---:|"]
    for backend, r in rows:
        for name, m in r["results"].items():
            out.append(f"| {backend} | {name} | {m['rps']:.0f} | {m['p50_ms']:.2f} ms | {m['p99_ms']:.2f} ms | "
                       f"< {TARGET_P99_MS} ms | {m['non2xx']} |")
    out += ["", "| backend | server RSS at the end | peak RSS (VmHWM) | target |", "|---|---:|---:|---|"]
    for backend, r in rows:
        out.append(f"| {backend} | {r['rss_kb']['VmRSS'] / 1024:.0f} MB | {r['rss_kb']['VmHWM'] / 1024:.0f} MB | "
                   f"< {TARGET_RSS_MB} MB |")
    out += ["", "| backend | statement (used by) | plan |", "|---|---|---|"]
    for backend, r in rows:
        for used_by, plan in r["plans"]:
            out.append(f"| {backend} | {used_by} | {plan.replace('|', '/')} |")
    out.append("<!-- scale:end -->")
    return out


def main():
    binary, generator, repo = sys.argv[1:4]
    doc = sys.argv[4] if len(sys.argv) > 4 else None
    workdir = tempfile.mkdtemp(prefix="satupintu-scale-")
    os.chmod(workdir, 0o755)
    rows = []
    try:
        data_dir = os.path.join(workdir, "data")
        make_data_dir(repo, data_dir)
        for backend in BACKENDS:
            pg = harness.PostgresCluster(workdir) if backend == "postgresql" else None
            try:
                rows.append((backend, measure(backend, binary, generator, repo, data_dir, workdir, pg)))
            finally:
                if pg:
                    pg.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("\n".join(table(rows)))
    if doc:
        text = open(doc).read()
        if "<!-- scale:begin -->" not in text:
            raise SystemExit(f"{doc} has no <!-- scale:begin --> marker")
        text = re.sub(r"<!-- scale:begin -->.*?<!-- scale:end -->", lambda _: "\n".join(table(rows)), text, flags=re.S)
        open(doc, "w").write(text)


if __name__ == "__main__":
    main()
