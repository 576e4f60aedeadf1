#!/usr/bin/env python3
"""Hardening, from outside: the black-box check of issue 13's "done when", against the real binary.

Starts `claimdesk serve` on a fresh SQLite file (metrics on their own port, no CLAIMDESK_PUBLIC_URL),
makes a team with `claimdesk user add`, publishes a claim through the HTML forms, and checks:

  1. HEAD /healthz is 200 with no body; PUT /login is 405 with `Allow: GET, POST`;
  2. /readyz is 200; every answer has an X-Request-Id, and a sane incoming one comes back;
  3. metrics are served on their own address and not on the public one;
  4. the OpenAPI document validates (openapi-spec-validator when installed) and API timestamps
     carry an offset;
  5. a personal API token answers 401 once its owner changed their password;
  6. the ClaimReview JSONL feed reaches 429;
  7. forged Host, X-Forwarded-Host and Forwarded headers never appear in public links (verdict page,
     ClaimReview, corrections page and feed, the team's invite link), without CLAIMDESK_PUBLIC_URL
     (links from the bind address) and, after a restart, with it (links from it);
  8. an invite for an existing account never takes a password: the right one answers 409 and no
     session; password guesses on the sign-in form and on the account form reach 429;
  9. `backup` of a mistyped path fails ("no database at"), creating nothing; a real backup is 0600;
 10. the CSV export has `value_high` right after `value`, filled for a range claim;
 11. a Dockerfile and a LICENSE exist.

    python3 bench/hardening.py [--bin target/debug/claimdesk] [--keep]
"""

import argparse
import csv
import http.client
import io
import json
import os
import re
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from crash_durability import (  # noqa: E402
    PASSWORD,
    Browser,
    Server,
    SqliteDb,
    add_reviewer,
    create_article_with_claims,
    csrf_in,
    location,
    log,
)
from verdict_record import act, text_of  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEAM = "Hardening Desk"
OTHER_TEAM = "Other Desk"
EVIL = "evil.example"
PUBLIC_URL = "https://desk.example.org"
FORGERIES = [
    {"Host": EVIL},
    {"X-Forwarded-Host": EVIL, "X-Forwarded-Proto": "https"},
    {"Forwarded": "host=%s;proto=https" % EVIL},
]


def raw(server, method, path, headers=None, body=None, source=None):
    """One request with exactly these headers, from the loopback address `source` when given;
    (status, headers as a dict of lists, body bytes)."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30,
                                      source_address=(source, 0) if source else None)
    try:
        sent = {"Connection": "close"}
        sent.update(headers or {})
        if "Host" in sent:
            conn.putrequest(method, path, skip_host=True)
            for name, value in sent.items():
                conn.putheader(name, value)
            conn.endheaders(body)
        else:
            conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        got = {}
        for name, value in response.getheaders():
            got.setdefault(name.lower(), []).append(value)
        return response.status, got, response.read()
    finally:
        conn.close()


def post_from(server, source, path, fields, cookies):
    """A same-origin form POST with these cookies from the loopback address `source` (each address
    has its own sign-in budget, so one check's guesses do not spend another's); the status."""
    body = urllib.parse.urlencode(fields)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": server.base,
               "Sec-Fetch-Site": "same-origin",
               "Cookie": "; ".join("%s=%s" % kv for kv in cookies.items())}
    return raw(server, "POST", path, headers, body, source=source)[0]


def header(headers, name):
    values = headers.get(name.lower())
    return values[0] if values else None


def metrics_address(server, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        m = re.search(r"Prometheus metrics on (http://[0-9.:\[\]]+)/metrics", server.log_text())
        if m:
            return m.group(1)
        time.sleep(0.1)
    return None


def publish_claim(reviewer, editor):
    """A claim proposed by the reviewer, approved and published by the editor; its id."""
    _, claim_ids = create_article_with_claims(reviewer, title="Patrol budget")
    claim = claim_ids[0]
    act(reviewer, claim, "start_review")
    # A verdict needs a cited source first (the team's setting, 1 by default).
    status, _, _ = reviewer.post("/claims/%d/citations" % claim, {
        "url": "https://budget.example.gov/2026/patrols", "title": "Patrol budget 2026",
        "stance": "supports"})
    if status != 303:
        raise RuntimeError("adding a citation answered %s" % status)
    act(reviewer, claim, "propose", verdict="true", rationale="The budget lists the figure.")
    act(editor, claim, "approve")
    act(editor, claim, "publish")
    return claim


def add_range_article(browser):
    """An article with a range claim, its candidates accepted."""
    status, headers, body = browser.post("/articles", {
        "title": "Harbour cleanup",
        "url": "https://news.example.org/cleanup-%s" % secrets.token_hex(3),
        "publisher": "Example News",
        "body": "Between 300 and 500 volunteers joined the harbour cleanup on Saturday, the "
                "council said. The port handled 1.2 million containers last year.",
    })
    if status != 303:
        raise RuntimeError("POST /articles answered %s: %s" % (status, text_of(body)[:200]))
    article = int(re.match(r"/articles/(\d+)", location(headers)).group(1))
    status, _, body = browser.post("/articles/%d/accept-above" % article, {"min_score": "0"})
    if status != 303:
        raise RuntimeError("accept-above answered %s: %s" % (status, text_of(body)[:200]))


def make_token(browser, name):
    status, _, body = browser.post("/account/tokens", {"name": name})
    m = re.search(r'<code id="new-token">([0-9a-f]{64})</code>', body)
    if status != 200 or not m:
        raise RuntimeError("creating a token answered %s" % status)
    return m.group(1)


def api_get(server, token, path):
    status, headers, body = raw(server, "GET", path, {"Authorization": "Bearer %s" % token})
    return status, headers, body


def repeat_until_429(attempt, limit):
    """Calls `attempt()` (a status) up to `limit` times; (statuses seen, whether 429 came)."""
    seen = []
    for _ in range(limit):
        status = attempt()
        seen.append(status)
        if status == 429:
            return seen, True
    return seen, False


def forged_links(server, paths, browser=None):
    """The (path, forgery) pairs whose answer mentions the forged host."""
    leaks = []
    for path in paths:
        for forgery in FORGERIES:
            headers = dict(forgery)
            if browser is not None:
                headers["Cookie"] = "; ".join("%s=%s" % kv for kv in browser.cookies.items())
            status, _, body = raw(server, "GET", path, headers)
            if status != 200 or EVIL.encode() in body:
                leaks.append("%s %s -> %s" % (path, forgery, status))
    return leaks


def invite_link(admin, email):
    status, _, page = admin.post("/team/invites", {"email": email, "role": "reviewer"})
    m = re.search(r'aria-label="Invite link" readonly value="([^"]+)"', page)
    if status != 200 or not m:
        raise RuntimeError("creating an invite answered %s: %s" % (status, text_of(page)[:200]))
    return m.group(1)


def run(args):
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        sys.exit("error: %s is not an executable (build it with cargo build)" % binary)
    started = time.time()
    workdir = tempfile.mkdtemp(prefix="claimdesk-hardening-")
    db = SqliteDb(workdir)
    log_path = os.path.join(workdir, "server.log")
    log("hardening on SQLite: binary %s, work dir %s" % (binary, workdir))
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        log("%s  %s%s" % ("PASS" if ok else "FAIL", name, (": " + detail) if detail else ""))

    server = Server(binary, db.url, log_path, workers=2,
                    extra_env={"CLAIMDESK_METRICS_BIND": "127.0.0.1:0"})
    try:
        done = server.run_cli(["migrate"])
        if done.returncode != 0:
            raise RuntimeError("claimdesk migrate failed: %s" % done.stderr.strip())
        tag = secrets.token_hex(3)
        emails = {}
        for role, name, team in (("admin", "Ada Admin", TEAM), ("editor", "Eli Editor", TEAM),
                                 ("reviewer", "Rui Reviewer", TEAM),
                                 ("owner", "Tom Token", TEAM),
                                 ("guessed", "Gus Guessed", TEAM),
                                 ("outsider", "Olu Outsider", OTHER_TEAM)):
            emails[role] = "%s-%s@example.org" % (role, tag)
            add_reviewer(server, emails[role], name, team=team,
                         role="reviewer" if role in ("owner", "guessed", "outsider") else role)
        server.start()
        browsers = {}
        for role in ("admin", "editor", "reviewer", "owner", "guessed"):
            b = Browser(server)
            b.sign_in(emails[role], PASSWORD)
            browsers[role] = b
        admin, editor, reviewer = browsers["admin"], browsers["editor"], browsers["reviewer"]
        claim = publish_claim(reviewer, editor)
        add_range_article(reviewer)
        team_id = int(db.query("SELECT id FROM teams WHERE name = ?", (TEAM,))[0][0])

        # 1. HEAD and 405.
        status, headers, body = raw(server, "HEAD", "/healthz")
        check("1. HEAD /healthz is 200 with no body", status == 200 and body == b"",
              "%s, %d bytes" % (status, len(body)))
        status, headers, _ = raw(server, "PUT", "/login", {"Content-Length": "0"})
        allow = sorted(m.strip() for m in (header(headers, "allow") or "").split(","))
        check("1. PUT /login is 405 with Allow: GET, POST",
              status == 405 and allow == ["GET", "POST"], "%s, Allow %s" % (status, allow))

        # 2. Readiness and request ids.
        status, headers, _ = raw(server, "GET", "/readyz")
        check("2. /readyz is 200 (the database answers)", status == 200, str(status))
        ids = [header(raw(server, "GET", path)[1], "x-request-id")
               for path in ("/healthz", "/login", "/no-such-page")]
        _, headers, _ = raw(server, "GET", "/healthz", {"X-Request-Id": "probe-%s" % tag})
        check("2. every answer has an X-Request-Id; a sane incoming one is kept",
              all(ids) and len(set(ids)) == 3 and header(headers, "x-request-id") == "probe-" + tag,
              "%s, echoed %s" % (ids, header(headers, "x-request-id")))

        # 3. Metrics on their own address.
        address = metrics_address(server)
        scraped = b""
        if address:
            host, port = address[len("http://"):].rsplit(":", 1)
            conn = http.client.HTTPConnection(host, int(port), timeout=10)
            conn.request("GET", "/metrics")
            scraped = conn.getresponse().read()
            conn.close()
        public_status = raw(server, "GET", "/metrics")[0]
        check("3. metrics on their own address, not on the public one",
              b"claimdesk_http_requests_total" in scraped and public_status == 404,
              "metrics at %s (%d bytes), public /metrics %s" % (address, len(scraped), public_status))

        # 4. OpenAPI and timestamps.
        token = make_token(browsers["owner"], "hardening")
        status, _, body = raw(server, "GET", "/api/openapi.json")
        document = json.loads(body)
        try:
            from openapi_spec_validator import validate
            validate(document)
            validated = "openapi-spec-validator: valid"
        except ImportError:
            validated = "openapi-spec-validator not installed: parsed only"
        status, _, body = api_get(server, token, "/api/v1/claims")
        stamps = [row["updated_at"] for row in json.loads(body)["claims"]]
        offset = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
        check("4. a valid OpenAPI document, API timestamps with an offset",
              document.get("openapi", "").startswith("3.1") and stamps
              and all(offset.match(s) for s in stamps),
              "%s; %d timestamps, e.g. %s" % (validated, len(stamps), stamps[:1]))

        # 5. A password change ends the member's tokens.
        before = api_get(server, token, "/api/v1/claims")[0]
        owner = browsers["owner"]
        status, _, _ = owner.post("/account/password", {
            "current_password": PASSWORD, "new_password": "another long passphrase " + tag})
        owner.refresh_csrf()
        after = api_get(server, token, "/api/v1/claims")[0]
        check("5. a token answers 401 after its owner's password change",
              before == 200 and status in (200, 303) and after == 401,
              "before %s, change %s, after %s" % (before, status, after))

        # 6. The ClaimReview feed is throttled like the CSV export.
        seen, hit = repeat_until_429(
            lambda: editor.get("/export/claimreview.jsonl")[0], 40)
        check("6. the ClaimReview JSONL feed reaches 429", hit,
              "after %d requests (%s)" % (len(seen), sorted(set(seen))))

        # 7a. Forged hosts without CLAIMDESK_PUBLIC_URL.
        public_paths = ["/verdicts/%d" % claim, "/claims/%d/claimreview.json" % claim,
                        "/corrections/%d" % team_id, "/corrections/%d/feed.atom" % team_id]
        leaks = forged_links(server, public_paths)
        link = invite_link(admin, "newcomer-%s@example.org" % tag)
        _, _, review = raw(server, "GET", "/claims/%d/claimreview.json" % claim)
        check("7. forged host headers never reach public links (no CLAIMDESK_PUBLIC_URL)",
              not leaks and link.startswith(server.base + "/invites/")
              and server.base.encode() in review,
              "; ".join(leaks) or "links from %s" % server.base)
        invite_page_leaks = forged_links(server, ["/team/members"], browser=admin)
        check("7. the team page's links ignore forged host headers", not invite_page_leaks,
              "; ".join(invite_page_leaks))

        # 7b. The same with CLAIMDESK_PUBLIC_URL, after a restart on the same database.
        server.stop()
        server = Server(binary, db.url, log_path, workers=2,
                        extra_env={"CLAIMDESK_PUBLIC_URL": PUBLIC_URL})
        server.start()
        admin = Browser(server)
        admin.sign_in(emails["admin"], PASSWORD)
        leaks = forged_links(server, public_paths)
        _, _, review = raw(server, "GET", "/claims/%d/claimreview.json" % claim,
                           {"X-Forwarded-Host": EVIL})
        link = invite_link(admin, "second-newcomer-%s@example.org" % tag)
        check("7. forged host headers never reach public links (CLAIMDESK_PUBLIC_URL set)",
              not leaks and PUBLIC_URL.encode() in review
              and link.startswith(PUBLIC_URL + "/invites/"),
              "; ".join(leaks) or "links from %s" % PUBLIC_URL)

        # 8. An invite for an existing account takes no password; guesses reach 429.
        link = invite_link(admin, emails["outsider"])
        path = link[len(PUBLIC_URL):]
        visitor = Browser(server)
        status, _, page = visitor.get(path)
        offers_password = 'name="password"' in page
        # The page offers no password field; an anonymous form token (from the sign-in page) lets
        # the forged POST through CSRF to the rule itself.
        visitor.csrf = csrf_in(visitor.get("/login")[2])
        status, headers, _ = visitor.post(path, {"name": "Olu Outsider", "password": PASSWORD})
        cookies = [v for k, v in ((k.lower(), v) for k, v in headers) if k == "set-cookie"]
        session_given = any(c.split("=", 1)[1].split(";", 1)[0] for c in cookies
                            if "session" in c.split("=", 1)[0])
        check("8. an invite for an existing account asks for no password; posting the right one "
              "answers 409 and no session",
              not offers_password and status == 409 and not session_given, "%s" % status)
        guesser = Browser(server)
        _, _, page = guesser.get("/login")
        seen, hit = repeat_until_429(lambda: post_from(server, "127.0.0.2", "/login", {
            "csrf_token": csrf_in(page), "email": emails["outsider"],
            "password": "wrong guess %d" % secrets.randbelow(10**6)}, guesser.cookies), 15)
        check("8. sign-in guesses on the invited account reach 429", hit and 401 in seen,
              "after %d guesses (%s)" % (len(seen), sorted(set(seen))))
        # The account form, from another address and a session made before the restart.
        guessed = browsers["guessed"]
        seen, hit = repeat_until_429(lambda: post_from(server, "127.0.0.3", "/account/password", {
            "csrf_token": guessed.csrf,
            "current_password": "not it %d" % secrets.randbelow(10**6),
            "new_password": "a fresh long passphrase"}, guessed.cookies), 15)
        check("8. wrong current passwords on the account form reach 429",
              hit and len(seen) > 1 and seen[0] != 429,
              "after %d tries (%s)" % (len(seen), sorted(set(seen))))
        server.stop()

        # 9. Backups: a mistyped path creates nothing; a real one is 0600.
        missing_db = os.path.join(workdir, "mistyped", "claimdesk.db")
        missing_out = os.path.join(workdir, "from-missing.db")
        env = dict(os.environ, DATABASE_URL="sqlite://" + missing_db)
        done = subprocess.run([binary, "backup", missing_out], env=env, capture_output=True,
                              text=True, timeout=60)
        nothing = not os.path.exists(missing_db) and not os.path.exists(missing_out)
        check("9. backup of a mistyped path fails and creates nothing",
              done.returncode != 0 and "no database at" in done.stderr and nothing,
              "exit %d: %s" % (done.returncode, done.stderr.strip()[:120]))
        copy = os.path.join(workdir, "backup.db")
        done = server.run_cli(["backup", copy])
        mode = stat.S_IMODE(os.stat(copy).st_mode) if os.path.exists(copy) else None
        check("9. a real backup is written 0600", done.returncode == 0 and mode == 0o600,
              "exit %d, mode %s" % (done.returncode, oct(mode) if mode is not None else None))

        # 10. value_high in the CSV.
        done = server.run_cli(["export", "--team", TEAM])
        rows = list(csv.reader(io.StringIO(done.stdout.lstrip("\ufeff"), newline="")))
        head = rows[0] if rows else []
        ok = "value" in head and "value_high" in head \
            and head.index("value_high") == head.index("value") + 1
        ranges = [r for r in rows[1:] if ok and r[head.index("value_high")]]
        check("10. the CSV has value_high after value, filled for a range",
              done.returncode == 0 and ok and any(
                  r[head.index("value")] == "300" and r[head.index("value_high")] == "500"
                  for r in ranges),
              "%d rows, ranges %s" % (len(rows) - 1,
                                      [(r[head.index("value")], r[head.index("value_high")])
                                       for r in ranges]))

        # 11. Deployment files.
        present = [f for f in ("Dockerfile", "LICENSE") if os.path.isfile(os.path.join(REPO, f))]
        check("11. a Dockerfile and a LICENSE exist", len(present) == 2, ", ".join(present))
    except Exception as e:  # noqa: BLE001
        check("the run completed", False, "%s: %s" % (type(e).__name__, e))
        log(server.log_text()[-3000:])
    finally:
        server.stop()
        if args.keep:
            log("kept %s" % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    failed = results.count(False)
    log("runtime %.1fs" % (time.time() - started))
    log("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default="target/debug/claimdesk")
    parser.add_argument("--keep", action="store_true")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
