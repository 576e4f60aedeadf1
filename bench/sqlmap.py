#!/usr/bin/env python3
"""sqlmap against every input that reaches a query: no parameter is injectable.

SECURITY.md, "Input and output". Starts the real binary on a fresh database (SQLite by default;
--postgres URL creates a database `claimdesk_test_bench_<hex>` on that server and drops it
afterwards), seeds a team with `claimdesk dev seed`, signs its admin in through the HTML form, tags a
few claims, creates an API token on the account page, and runs sqlmap (Debian's `sqlmap`, 1.7.2)
non-interactively against:

  login          POST /login: email, password, next (a valid pre-session cookie and CSRF token pair)
  second_factor  POST /login/two-factor: code (a member enrolled first, its password step done)
  queue          GET /claims?…: status, verdict, assignee, article, tag, min_score, max_score, q,
                 sort, after (signed-in session cookie); values taken from a real claim, so the
                 baseline page lists it
  claim_id       GET /claims/<id>          (path id, sqlmap's `*` marker)
  claim_filters  GET /claims/<id>?…        (the queue's filters, which the claim page walks)
  article_id     GET /articles/<id>        (path id)
  member_id      GET /team/members/<id>    (path id)
  verdict_id     GET /verdicts/<id>        (public page of a published claim, no sign-in)
  api_claims     GET /api/v1/claims?…      (the queue's filters, Authorization: Bearer)
  api_claim_id   GET /api/v1/claims/<id>   (path id, bearer)
  api_article_id GET /api/v1/articles/<id> (path id, bearer)
  api_comment    POST /api/v1/claims/<id>/comments   (JSON body, bearer)

First a control: a deliberately injectable page served by the script itself (string-built SQL over
an in-memory SQLite database) must be reported injectable, so a clean result cannot come from flags
or parsing that hide findings. Each run: --batch --flush-session, --dbms set to the backend, its own
output directory under a temporary directory, all traffic logged (-t) to count requests and answers.
The full form is `--level 3 --risk 2 --technique BEUSTQ` (level 3 also tests the cookies, User-Agent
and Referer); --quick (the CI form) is `--level 2 --risk 1 --technique BEUST --time-sec 2` on the
named parameters only.

Throttles. Sign-in is throttled per account and per address (10 failures a minute → 429) and API
tokens have a budget (600 requests a minute): once throttled, every answer would be the same 429
and sqlmap could no longer tell true from false. No setting turns these off (SECURITY.md wants them
fixed), so the script leaves the binary and its defaults alone and, in the throwaway test database
only, adds two triggers: inserts into `login_failures` are dropped and `api_request_counts` stays at
one. After sqlmap it drops the triggers and checks that the throttle answers 429 again after ten
failures. No answer of any run may be a 429.

Fails (exit 1) if sqlmap reports any ClaimDesk parameter injectable or misses the control, if a run
ends in an error instead of "all tested parameters do not appear to be injectable", if any answer is
a 5xx or a 429, or if the server dies. Prints one line per target: target, parameters tested,
requests sent, answers by status, result, seconds; then `N passed, M failed`.

    python3 bench/sqlmap.py [--bin target/release/claimdesk] [--postgres URL] [--quick]
                            [--only TARGET[,TARGET…]] [--keep]

BIN and SQLMAP_QUICK=1 are read from the environment too. Without --bin it runs
`cargo build --release` first.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from crash_durability import (  # noqa: E402
    Browser,
    PostgresDb,
    Server,
    SqliteDb,
    csrf_in,
    log,
    request,
)

TEAM = "Sqlmap Desk"
ADMIN = "admin1@sqlmapdesk.seed.example.org"
SECOND_FACTOR_MEMBER = "reviewer1@sqlmapdesk.seed.example.org"
SEED_PASSWORD = "seeded members share this long password"  # devseed::SEED_PASSWORD
TAGS = ["budget", "navy"]

# Throttles off in the test database only (see the docstring).
SQLITE_TRIGGERS = [
    "CREATE TRIGGER sqlmap_no_login_throttle BEFORE INSERT ON login_failures "
    "BEGIN SELECT RAISE(IGNORE); END",
    "CREATE TRIGGER sqlmap_no_api_budget AFTER UPDATE OF requests ON api_request_counts "
    "WHEN NEW.requests > 1 BEGIN UPDATE api_request_counts SET requests = 1 "
    "WHERE token_id = NEW.token_id AND window_start = NEW.window_start; END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS sqlmap_no_login_throttle",
    "DROP TRIGGER IF EXISTS sqlmap_no_api_budget",
]
POSTGRES_TRIGGERS = [
    "CREATE FUNCTION sqlmap_drop_row() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RETURN NULL; END $$",
    "CREATE TRIGGER sqlmap_no_login_throttle BEFORE INSERT ON login_failures "
    "FOR EACH ROW EXECUTE FUNCTION sqlmap_drop_row()",
    "CREATE FUNCTION sqlmap_one_request() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN NEW.requests := 1; RETURN NEW; END $$",
    "CREATE TRIGGER sqlmap_no_api_budget BEFORE UPDATE ON api_request_counts "
    "FOR EACH ROW EXECUTE FUNCTION sqlmap_one_request()",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS sqlmap_no_login_throttle ON login_failures",
    "DROP TRIGGER IF EXISTS sqlmap_no_api_budget ON api_request_counts",
]

PARAM_RE = re.compile(
    r"(?:((?:\(custom\) )?(?:GET|POST|URI|Cookie|JSON)) )?parameter '([^']+)'"
)
HEADERS = {"User-Agent", "Referer", "Host"}
INJECTABLE_RE = re.compile(
    r"sqlmap identified the following injection point|parameter '[^']+' is vulnerable"
    r"|^Parameter: ",
    re.M,
)
NOT_INJECTABLE = "all tested parameters do not appear to be injectable"


def ensure_sqlmap():
    if shutil.which("sqlmap"):
        return
    log("sqlmap not found; installing it with apt-get")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    quiet = {"stdout": subprocess.DEVNULL, "env": env}
    if subprocess.run(["apt-get", "install", "-y", "-qq", "sqlmap"], **quiet).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], check=True, **quiet)
        subprocess.run(["apt-get", "install", "-y", "-qq", "sqlmap"], check=True, **quiet)


def db_exec(db, statements):
    if db.kind == "sqlite":
        import sqlite3

        conn = sqlite3.connect(db.path, timeout=30)
        try:
            for sql in statements:
                conn.execute(sql)
            conn.commit()
        finally:
            conn.close()
    else:
        for sql in statements:
            db.query(sql)


def traffic_stats(path):
    """(requests, {status: n}) from sqlmap's -t traffic log."""
    if not os.path.exists(path):
        return 0, {}
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    # A redirect logs its request twice under one number (request, redirect, request, response).
    requests = len(set(re.findall(r"^HTTP request \[#(\d+)\]:", text, re.M)))
    answers = dict(re.findall(r"^HTTP response \[#(\d+)\] \((\d{3})", text, re.M))
    statuses = {}
    for code in answers.values():
        statuses[int(code)] = statuses.get(int(code), 0) + 1
    return requests, statuses


class Target:
    def __init__(self, name, url, params, data=None, headers=(), cookie=None, extra=()):
        self.name = name
        self.url = url
        self.params = params  # None: the URI marker (`*`) or the JSON body decides
        self.data = data
        self.headers = list(headers)
        self.cookie = cookie
        self.extra = list(extra)


def run_sqlmap(target, out_root, dbms, quick, timeout):
    out = os.path.join(out_root, target.name)
    os.makedirs(out, exist_ok=True)
    traffic = os.path.join(out, "traffic.txt")
    cmd = [
        "sqlmap", "-u", target.url, "--batch", "--flush-session", "--disable-coloring",
        "--output-dir", os.path.join(out, "sqlmap"), "--tmp-dir", out, "-t", traffic,
        "--dbms", dbms, "--skip-waf", "--ignore-redirects", "--drop-set-cookie",
        "--timeout", "30", "--retries", "1",
        # Never follow a redirect (a 303 to the sign-in page is an answer, not a page to test).
        "--answers", "follow=N",
    ]
    if quick:
        cmd += ["--level", "2", "--risk", "1", "--technique", "BEUST", "--time-sec", "2"]
    else:
        cmd += ["--level", "3", "--risk", "2", "--technique", "BEUSTQ"]
    if target.params and (quick or target.name == "login"):
        cmd += ["-p", ",".join(target.params)]
    elif target.params:
        # Level 3 also tests cookies, User-Agent and Referer; keep sqlmap off the tokens it must
        # not change (the CSRF token; the session and pre-session cookies are tested).
        cmd += ["--skip", "csrf_token"]
    if target.data is not None:
        cmd += ["--data", target.data]
    if target.cookie:
        cmd += ["--cookie", target.cookie]
    for h in target.headers:
        cmd += ["-H", h]
    cmd += target.extra
    started = time.time()
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, errors="replace", timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
        output, code = done.stdout + done.stderr, done.returncode
    except subprocess.TimeoutExpired as e:
        output = (e.stdout or b"").decode("utf-8", "replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        output += "\n[CRITICAL] sqlmap timed out after %d s" % timeout
        code = -1
    seconds = time.time() - started
    with open(os.path.join(out, "sqlmap.out"), "w", encoding="utf-8") as f:
        f.write(" ".join(cmd) + "\n\n" + output)
    params = sorted(
        {"%s %s" % (place, name) for place, name in PARAM_RE.findall(output) if place}
        | {"Header %s" % name for place, name in PARAM_RE.findall(output) if not place and name in HEADERS}
    )
    requests, statuses = traffic_stats(traffic)
    injectable = bool(INJECTABLE_RE.search(output))
    problems = []
    if injectable:
        problems.append("INJECTABLE")
    elif NOT_INJECTABLE not in output:
        last = [l for l in output.splitlines() if "[CRITICAL]" in l or "[ERROR]" in l]
        problems.append("sqlmap did not finish cleanly (exit %s): %s"
                        % (code, last[-1] if last else output.strip().splitlines()[-1:] or "no output"))
    bad = {s: n for s, n in statuses.items() if s >= 500 or s == 429}
    if bad:
        problems.append("answers %s" % ", ".join("%d×%d" % (n, s) for s, n in sorted(bad.items())))
    if requests == 0:
        problems.append("no request was sent")
    return {
        "target": target.name,
        "params": params,
        "requests": requests,
        "statuses": statuses,
        "seconds": seconds,
        "problems": problems,
        "log": os.path.join(out, "sqlmap.out"),
    }


def control_server():
    """A deliberately injectable page (string-built SQL over an in-memory SQLite database), so each
    run first proves that sqlmap, with these flags and this output parsing, does find an injection."""
    import http.server
    import sqlite3
    import threading

    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute("CREATE TABLE claims (id INTEGER PRIMARY KEY, statement TEXT, tag TEXT)")
    for i in range(20):
        conn.execute("INSERT INTO claims (statement, tag) VALUES (?, ?)",
                     ("claim %d" % i, "budget" if i % 2 else "navy"))
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *_):
            pass

        def do_GET(self):
            tag = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("tag", [""])[0]
            try:
                with lock:
                    rows = conn.execute(
                        "SELECT id, statement FROM claims WHERE tag = '%s' ORDER BY id" % tag  # noqa: S608
                    ).fetchall()
                body, code = "".join("<li>%s %s</li>" % r for r in rows), 200
            except sqlite3.Error:
                body, code = "bad request", 400
            data = body.encode()
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    class Quiet(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # sqlmap drops connections it has read enough of

    httpd = Quiet(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def totp_now(secret_base32):
    """The current RFC 6238 code (SHA-1, 6 digits, 30 s) of a base32 secret, standard library only."""
    import base64
    import hashlib
    import hmac
    import struct
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000
    return "%06d" % code


def pending_second_factor(server, email):
    """Enrols `email` in two-factor sign-in, then signs in with its password in a fresh browser and
    stops at the code page. Returns that browser's cookie header and the page's CSRF token."""
    member = Browser(server)
    member.sign_in(email, SEED_PASSWORD)
    status, _, _ = member.post("/account/two-factor/enrol", [])
    if status not in (200, 303):
        raise RuntimeError("two-factor enrolment answered %s" % status)
    _, _, page = member.get("/account/two-factor")
    m = re.search(r'<code id="totp-secret"[^>]*>([A-Z2-7]+)<', page)
    if not m:
        raise RuntimeError("the enrolment page shows no key")
    status, _, _ = member.post("/account/two-factor/confirm", [("code", totp_now(m.group(1)))])
    if status not in (200, 303):
        raise RuntimeError("confirming two-factor sign-in answered %s" % status)
    visitor = Browser(server)
    _, _, login_page = visitor.get("/login")
    status, headers, _ = visitor.post(
        "/login",
        [("csrf_token", csrf_in(login_page)), ("email", email), ("password", SEED_PASSWORD),
         ("next", "/claims")],
        with_csrf=False,
    )
    if status != 303:
        raise RuntimeError("the password step answered %s" % status)
    _, _, code_page = visitor.get("/login/two-factor")
    cookie = "; ".join("%s=%s" % kv for kv in visitor.cookies.items())
    return cookie, csrf_in(code_page)


def pick_claim(db):
    """A claim with a tag, a verdict and an article: the queue baseline lists it."""
    rows = db.query(
        "SELECT c.id, c.status, c.article_id, v.key, c.statement, c.score "
        "FROM claims c JOIN verdicts v ON v.id = c.verdict_id "
        "JOIN claim_tags t ON t.claim_id = c.id "
        "WHERE c.article_id IS NOT NULL ORDER BY c.id LIMIT 1"
    )
    if not rows:
        raise RuntimeError("no tagged claim with a verdict and an article in the seeded data")
    claim_id, status, article_id, verdict, statement, score = rows[0]
    words = [w for w in re.split(r"[^A-Za-z]+", statement) if len(w) >= 4]
    word = max(words, key=len) if words else "the"
    return int(claim_id), status, int(article_id), verdict, word.lower(), float(score)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bin", default=os.environ.get("BIN"))
    p.add_argument("--postgres", metavar="URL", help="run on a new database of this PostgreSQL server")
    p.add_argument("--quick", action="store_true", default=bool(os.environ.get("SQLMAP_QUICK")),
                   help="level 1, risk 1, the named parameters only (the CI form)")
    p.add_argument("--claims", type=int, default=120, help="claims to seed (default 120)")
    p.add_argument("--only", help="comma-separated target names")
    p.add_argument("--timeout", type=int, default=None, help="seconds per sqlmap run")
    p.add_argument("--keep", action="store_true", help="keep the work directory")
    args = p.parse_args()
    timeout = args.timeout or (300 if args.quick else 3600)

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = args.bin
    if not binary:
        log("building the release binary (cargo build --release)")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=root, check=True)
        binary = os.path.join(root, "target", "release", "claimdesk")
    binary = os.path.abspath(binary)
    ensure_sqlmap()

    # The server key two-factor secrets are sealed with; on PostgreSQL there is no key file to fall
    # back on, and the second-factor target needs a member enrolled.
    os.environ.setdefault("CLAIMDESK_SECRET_KEY", os.urandom(32).hex())
    work = tempfile.mkdtemp(prefix="claimdesk-sqlmap-")
    db = PostgresDb(args.postgres) if args.postgres else SqliteDb(work)
    dbms = "PostgreSQL" if args.postgres else "SQLite"
    server = Server(binary, db.url, os.path.join(work, "server.log"), workers=2)
    results = []
    failures = []
    started = time.time()
    try:
        seeded = server.run_cli(["dev", "seed", "--claims", str(args.claims), "--team", TEAM])
        if seeded.returncode != 0:
            raise RuntimeError("claimdesk dev seed failed: %s" % (seeded.stderr.strip() or seeded.stdout))
        db_exec(db, POSTGRES_TRIGGERS if db.kind == "postgres" else SQLITE_TRIGGERS)
        server.start()
        log("ClaimDesk on %s (%s, %d seeded claims), sqlmap %s form; work directory %s"
            % (server.base, dbms, args.claims, "quick" if args.quick else "full", work))

        admin = Browser(server)
        admin.sign_in(ADMIN, SEED_PASSWORD)
        # Tags for the queue's tag filter (the seed adds none).
        ids = [int(r[0]) for r in db.query(
            "SELECT id FROM claims WHERE verdict_id IS NOT NULL AND article_id IS NOT NULL "
            "ORDER BY id LIMIT 3")]
        for claim_id in ids:
            for tag in TAGS:
                status, _, _ = admin.post("/claims/%d/tags" % claim_id, {"tag": tag})
                if status != 303:
                    raise RuntimeError("tagging claim %d answered %s" % (claim_id, status))
        claim_id, status, article_id, verdict, word, _ = pick_claim(db)
        published = db.query("SELECT id FROM claims WHERE status = 'published' ORDER BY id LIMIT 1")
        member = db.query("SELECT user_id FROM memberships ORDER BY user_id LIMIT 1")
        status_, _, page = admin.post("/account/tokens", {"name": "sqlmap"})
        m = re.search(r'<code id="new-token">([^<]+)<', page)
        if status_ != 200 or not m:
            raise RuntimeError("creating an API token answered %s" % status_)
        token = m.group(1)
        bearer = "Authorization: Bearer %s" % token

        # `after` holds a valid cursor above every claim, so the baseline still lists the claim.
        query = {
            "status": status, "verdict": verdict, "assignee": "", "article": str(article_id),
            "tag": TAGS[0], "min_score": "0", "max_score": "1", "q": word, "sort": "score",
            "after": "1_999999999",
        }
        qs = urllib.parse.urlencode(query)
        cookie = "; ".join("%s=%s" % kv for kv in admin.cookies.items())
        base = server.base

        # The sign-in form: a fresh visitor's pre-session cookie and the token it makes.
        visitor = Browser(server)
        _, _, login_page = visitor.get("/login")
        login_csrf = csrf_in(login_page)
        login_cookie = "; ".join("%s=%s" % kv for kv in visitor.cookies.items())
        login_data = urllib.parse.urlencode(
            {"csrf_token": login_csrf, "email": ADMIN, "password": SEED_PASSWORD, "next": "/claims"}
        )

        # The second step of a sign-in with two-factor on: the code field of a pending challenge.
        factor_cookie, factor_csrf = pending_second_factor(server, SECOND_FACTOR_MEMBER)
        factor_data = urllib.parse.urlencode({"csrf_token": factor_csrf, "code": "000000"})

        targets = [
            Target("login", base + "/login", ["email", "password", "next"], data=login_data,
                   cookie=login_cookie, extra=["--ignore-code", "401"]),
            Target("second_factor", base + "/login/two-factor", ["code"], data=factor_data,
                   cookie=factor_cookie, extra=["--ignore-code", "401"]),
            Target("queue", base + "/claims?" + qs, list(query), cookie=cookie),
            Target("claim_id", base + "/claims/%d*" % claim_id, None, cookie=cookie),
            # The claim page takes the queue's filters too (its previous/next links walk them).
            Target("claim_filters", base + "/claims/%d?" % claim_id + qs, list(query), cookie=cookie),
            Target("article_id", base + "/articles/%d*" % article_id, None, cookie=cookie),
            Target("member_id", base + "/team/members/%s*" % member[0][0], None, cookie=cookie),
            Target("api_claims", base + "/api/v1/claims?" + qs, list(query), headers=[bearer]),
            Target("api_claim_id", base + "/api/v1/claims/%d*" % claim_id, None, headers=[bearer]),
            Target("api_article_id", base + "/api/v1/articles/%d*" % article_id, None,
                   headers=[bearer]),
            Target("api_comment", base + "/api/v1/claims/%d/comments" % claim_id, None,
                   data=json.dumps({"body": "Checked against the %s notice." % word}),
                   headers=[bearer, "Content-Type: application/json"]),
        ]
        if published:
            targets.insert(5, Target("verdict_id", base + "/verdicts/%s*" % published[0][0], None))
        if args.only:
            wanted = set(args.only.split(","))
            unknown = wanted - {t.name for t in targets}
            if unknown:
                raise RuntimeError("unknown target(s): %s" % ", ".join(sorted(unknown)))
            targets = [t for t in targets if t.name in wanted]

        # Every baseline must be a real answer, or sqlmap would test an error page.
        for t in targets:
            if t.name in ("login", "second_factor"):
                continue
            path = t.url[len(base):].replace("*", "")
            hdrs = dict(h.split(": ", 1) for h in t.headers)
            if t.cookie:
                hdrs["Cookie"] = t.cookie
            conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
            conn.request("POST" if t.data else "GET", path, body=t.data, headers=hdrs)
            r = conn.getresponse()
            body = r.read().decode("utf-8", "replace")
            conn.close()
            want = 201 if t.name == "api_comment" else 200
            if r.status != want:
                raise RuntimeError("baseline of %s (%s) answered %s: %s" % (t.name, path, r.status, body[:200]))
            if t.name == "queue" and not re.search(r'href="/claims/%d[?"]' % claim_id, body):
                raise RuntimeError("the queue baseline does not list claim %d" % claim_id)

        out_root = os.path.join(work, "runs")
        control = control_server()
        try:
            c = run_sqlmap(
                Target("control", "http://127.0.0.1:%d/claims?tag=budget" % control.server_port, ["tag"]),
                out_root, "SQLite", args.quick, timeout,
            )
        finally:
            control.shutdown()
        if c["problems"] == ["INJECTABLE"]:
            log("%-15s sqlmap finds the deliberately injectable control page (%d requests)"
                % ("control", c["requests"]))
        else:
            failures.append("control: sqlmap did not report the deliberately injectable page as "
                            "injectable (%s; log: %s)" % ("; ".join(c["problems"]) or "clean", c["log"]))
        for t in targets:
            r = run_sqlmap(t, out_root, dbms, args.quick, timeout)
            results.append(r)
            statuses = " ".join("%d×%d" % (n, s) for s, n in sorted(r["statuses"].items()))
            verdict_ = "FAIL: " + "; ".join(r["problems"]) if r["problems"] else "not injectable"
            log("%-15s %2d parameters  %5d requests  [%s]  %s  (%.0f s)"
                % (t.name, len(r["params"]), r["requests"], statuses, verdict_, r["seconds"]))
            log("                %s" % ", ".join(r["params"]))
            if r["problems"]:
                failures.append("%s: %s (log: %s)" % (t.name, "; ".join(r["problems"]), r["log"]))
            if server.proc.poll() is not None:
                failures.append("the server exited during %s" % t.name)
                break

        # The throttle is intact once the test-only triggers are gone.
        if server.proc.poll() is None:
            db_exec(db, POSTGRES_DROP if db.kind == "postgres" else SQLITE_DROP)
            probe = Browser(server)
            _, _, page = probe.get("/login")
            probe.csrf = csrf_in(page)
            codes = []
            for _ in range(11):
                status_, _, _ = probe.post("/login", {"email": ADMIN, "password": "not the password at all"})
                codes.append(status_)
            if codes[-1] != 429:
                failures.append("the sign-in throttle did not answer 429 after the triggers were dropped: %s" % codes)
            else:
                log("sign-in throttle back once the test triggers were dropped: 10×401 then 429")
            status_, _, _ = request(server, "GET", "/healthz")
            if status_ != 200:
                failures.append("/healthz answered %s after the runs" % status_)
        panics = [line for line in server.log_text().splitlines() if "panicked" in line]
        if panics:
            failures.append("the server log shows a panic: %s" % panics[0][:200])
    except Exception as e:  # noqa: BLE001 - reported as a failure
        failures.append("setup: %s" % e)
    finally:
        server.stop()
        db.drop()

    total = sum(r["requests"] for r in results)
    log("%d targets, %d sqlmap requests, %.0f s (%s, %s form)"
        % (len(results), total, time.time() - started, dbms, "quick" if args.quick else "full"))
    passed = sum(1 for r in results if not r["problems"])
    log("%d passed, %d failed" % (passed, len(failures)))
    for f in failures:
        log("  FAIL " + f)
    if failures or args.keep:
        log("work directory kept: %s" % work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
