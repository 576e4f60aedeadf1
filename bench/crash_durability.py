#!/usr/bin/env python3
"""Crash durability: an acknowledged write survives `kill -9`.

SECURITY.md, "Durability and concurrency": a write is acknowledged only after COMMIT. This script
starts the real binary on a fresh database, signs a reviewer in through the HTML forms, creates an
article and accepts its candidates, then per round fires --writes concurrent comment POSTs (each body a
unique marker), SIGKILLs the server at a random moment of the burst, and checks:

  * SQLite: `PRAGMA integrity_check` on the file is `ok` (read after the kill, before the restart);
  * the server restarts on the same database and answers;
  * every acknowledged marker (HTTP 303 received) is in `comments`;
  * every comment has its history row: per claim, events with action `commented` == comment rows;
  * no request was answered with a 5xx before the kill.

With --postgres URL (a server URL; a database `claimdesk_test_bench_<hex>` is created on it and
dropped afterwards) the same checks run against PostgreSQL, without the integrity check.

Python 3 standard library only. Prints one line per round and a closing `N passed, M failed`; exits
non-zero on any failure.

    python3 bench/crash_durability.py [--bin target/release/claimdesk] [--rounds 20] [--writes 200]
                                      [--postgres postgres://postgres@127.0.0.1:5432/test] [--seed N]
"""

import argparse
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

PASSWORD = "harbor quiet lantern 7 meadow"

ARTICLE = (
    "The navy said on Monday it would send two frigates and more than 1,200 sailors to the northern "
    "strait. Officials doubled the patrol budget to $80 million (about 104 billion won), according to "
    "the ministry. The ministry said 4,000 military personnel were already in the region, and that a "
    "$50 million reward had been offered. About 4.5 million militia members were mobilised last year, "
    "the defence minister said, up 12 percent from 2022."
)


def log(message):
    print(message, flush=True)


# --------------------------------------------------------------------------------------------------
# The server process


class Server:
    """One `claimdesk serve` process on port 0; its stderr is kept in `self.log_lines` and a file."""

    def __init__(self, binary, database_url, log_path, workers=None, extra_env=None):
        self.binary = binary
        self.database_url = database_url
        self.log_path = log_path
        self.workers = workers
        self.extra_env = extra_env or {}
        self.proc = None
        self.base = None
        self.host = None
        self.port = None
        self.log_lines = []
        self._lock = threading.Lock()

    def env(self):
        env = dict(os.environ)
        env.update(
            {
                "DATABASE_URL": self.database_url,
                "CLAIMDESK_BIND": "127.0.0.1:0",
                "RUST_LOG": env.get("RUST_LOG", "info"),
            }
        )
        env.pop("CLAIMDESK_PUBLIC_URL", None)
        env.pop("CLAIMDESK_SECURE_COOKIES", None)
        if self.workers:
            env["CLAIMDESK_WORKERS"] = str(self.workers)
        env.update(self.extra_env)
        return env

    def run_cli(self, args, stdin_text=None):
        """Runs a one-off `claimdesk …` command against the same database."""
        return subprocess.run(
            [self.binary] + args,
            input=stdin_text,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=120,
        )

    def start(self, timeout=60):
        self.proc = subprocess.Popen(
            [self.binary, "serve"],
            env=self.env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
        )
        ready = threading.Event()
        found = {}

        def pump(proc):
            with open(self.log_path, "a", encoding="utf-8") as out:
                for line in proc.stderr:
                    out.write(line)
                    out.flush()
                    with self._lock:
                        self.log_lines.append(line.rstrip("\n"))
                    if not ready.is_set():
                        m = re.search(r"listening on (http://[^\s\"']+)", line)
                        if m:
                            found["base"] = m.group(1)
                            ready.set()
            ready.set()

        threading.Thread(target=pump, args=(self.proc,), daemon=True).start()
        if not ready.wait(timeout) or "base" not in found:
            self.kill()
            raise RuntimeError(
                "the server did not print 'listening on http://…' (log: %s)" % self.log_path
            )
        self.base = found["base"].rstrip("/")
        parsed = urllib.parse.urlsplit(self.base)
        self.host, self.port = parsed.hostname, parsed.port
        # The line is printed before the setup check; wait until requests are answered.
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                status, _, _ = request(self, "GET", "/healthz", timeout=5)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("the server does not answer /healthz (log: %s)" % self.log_path)

    def kill(self):
        """SIGKILL: no shutdown hook, no flush, exactly like a crash."""
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        if self.proc:
            self.proc.wait(timeout=30)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_text(self):
        with self._lock:
            return "\n".join(self.log_lines)


# --------------------------------------------------------------------------------------------------
# HTTP: one connection per request, cookies kept by hand (thread-safe, no redirects followed)


def request(server, method, path, fields=None, cookies=None, timeout=60, origin=True,
            headers=None):
    """Returns (status, headers as a list of (name, value), body text)."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=timeout)
    try:
        headers = dict(headers or {}, Connection="close")
        body = None
        if cookies:
            headers["Cookie"] = "; ".join("%s=%s" % kv for kv in cookies.items())
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            if origin:
                headers["Origin"] = server.base
                headers["Sec-Fetch-Site"] = "same-origin"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, response.getheaders(), text
    finally:
        conn.close()


def store_cookies(cookies, headers):
    for name, value in headers:
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            if "=" in pair:
                k, v = pair.split("=", 1)
                cookies[k.strip()] = v.strip()


def csrf_in(html):
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    if not m:
        raise RuntimeError("no csrf_token field in the page")
    return m.group(1)


def location(headers):
    for name, value in headers:
        if name.lower() == "location":
            return value
    return None


class Browser:
    """A signed-in member: its cookies and the session's CSRF token."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}
        self.csrf = None

    def get(self, path, timeout=60):
        status, headers, body = request(self.server, "GET", path, cookies=self.cookies, timeout=timeout)
        store_cookies(self.cookies, headers)
        return status, headers, body

    def post(self, path, fields, timeout=60, with_csrf=True):
        fields = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if with_csrf:
            fields = [("csrf_token", self.csrf)] + fields
        status, headers, body = request(
            self.server, "POST", path, fields=fields, cookies=dict(self.cookies), timeout=timeout
        )
        store_cookies(self.cookies, headers)
        return status, headers, body

    def sign_in(self, email, password):
        status, _, page = self.get("/login")
        if status != 200:
            raise RuntimeError("GET /login answered %s" % status)
        self.csrf = csrf_in(page)
        status, headers, _ = self.post("/login", {"email": email, "password": password})
        if status != 303:
            raise RuntimeError("sign-in of %s answered %s, not 303" % (email, status))
        self.refresh_csrf()

    def refresh_csrf(self):
        status, _, page = self.get("/articles/new")
        if status != 200:
            raise RuntimeError("GET /articles/new answered %s" % status)
        self.csrf = csrf_in(page)


def add_reviewer(server, email, name, team="Bench Desk", role="reviewer"):
    done = server.run_cli(
        ["user", "add", "--email", email, "--name", name, "--team", team, "--role", role,
         "--password-stdin"],
        stdin_text=PASSWORD + "\n",
    )
    if done.returncode != 0:
        raise RuntimeError("claimdesk user add failed: %s" % (done.stderr.strip() or done.stdout))


def create_article_with_claims(browser, title="Navy sends frigates"):
    """Posts the article form and accepts every candidate; returns the new claim ids."""
    status, headers, body = browser.post(
        "/articles",
        {
            "title": title,
            "url": "https://news.example.org/%s" % secrets.token_hex(4),
            "publisher": "Example News",
            "author": "A. Reporter",
            "published_on": "2026-11-02",
            "body": ARTICLE + " (" + secrets.token_hex(6) + ")",
        },
    )
    if status != 303:
        raise RuntimeError("POST /articles answered %s: %s" % (status, body[:300]))
    m = re.match(r"/articles/(\d+)", location(headers) or "")
    if not m:
        raise RuntimeError("POST /articles redirected to %r" % location(headers))
    article_id = int(m.group(1))
    status, _, body = browser.post("/articles/%d/accept-above" % article_id, {"min_score": "0"})
    if status != 303:
        raise RuntimeError("accept-above answered %s: %s" % (status, body[:300]))
    status, _, page = browser.get("/claims?article=%d" % article_id)
    if status != 200:
        raise RuntimeError("GET /claims answered %s" % status)
    ids = sorted({int(i) for i in re.findall(r'href="/claims/(\d+)[?"]', page)})
    if not ids:
        raise RuntimeError("accepting the candidates made no claims")
    return article_id, ids


# --------------------------------------------------------------------------------------------------
# The database, read from outside the server


class SqliteDb:
    kind = "sqlite"

    def __init__(self, workdir):
        self.path = os.path.join(workdir, "claimdesk.db")
        self.url = self.path

    def query(self, sql, params=()):
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def integrity_check(self):
        """Read-only, so the check itself changes nothing in the crashed files."""
        uri = "file:%s?mode=ro" % urllib.parse.quote(self.path)
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=30)
        except sqlite3.Error:
            conn = sqlite3.connect(self.path, timeout=30)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            return ", ".join(str(r[0]) for r in rows)
        finally:
            conn.close()

    def drop(self):
        pass


class PostgresDb:
    kind = "postgres"

    def __init__(self, server_url):
        if not shutil.which("psql"):
            raise RuntimeError("--postgres needs psql on PATH")
        self.server_url = server_url
        self.name = "claimdesk_test_bench_%s" % secrets.token_hex(6)
        parts = urllib.parse.urlsplit(server_url)
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))
        self._psql(self.server_url, 'CREATE DATABASE "%s"' % self.name)

    @staticmethod
    def _psql(url, sql):
        done = subprocess.run(
            ["psql", url, "-v", "ON_ERROR_STOP=1", "-AtX", "-F", "\t", "-c", sql],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0:
            raise RuntimeError("psql failed: %s" % done.stderr.strip())
        return done.stdout

    def query(self, sql, params=()):
        if params:
            raise ValueError("no parameters through psql")
        out = self._psql(self.url, sql)
        return [tuple(line.split("\t")) for line in out.splitlines() if line != ""]

    def integrity_check(self):
        return None

    def drop(self):
        try:
            self._psql(self.server_url, 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % self.name)
        except Exception as e:  # noqa: BLE001 - cleanup only
            log("warning: could not drop %s: %s" % (self.name, e))


def comment_history_mismatches(db, claim_ids):
    """Claims whose number of comments differs from their number of `commented` events."""
    ids = ",".join(str(i) for i in claim_ids)
    comments = {
        int(c): int(n)
        for c, n in db.query(
            "SELECT claim_id, COUNT(*) FROM comments WHERE claim_id IN (%s) GROUP BY claim_id" % ids
        )
    }
    events = {
        int(c): int(n)
        for c, n in db.query(
            "SELECT entity_id, COUNT(*) FROM events WHERE entity = 'claim' AND action = 'commented' "
            "AND entity_id IN (%s) GROUP BY entity_id" % ids
        )
    }
    return {
        c: (comments.get(c, 0), events.get(c, 0))
        for c in claim_ids
        if comments.get(c, 0) != events.get(c, 0)
    }


def stored_markers(db, prefix):
    like = prefix.replace("'", "''") + "%"
    return {row[0] for row in db.query("SELECT body FROM comments WHERE body LIKE '%s'" % like)}


# --------------------------------------------------------------------------------------------------
# One round: the burst, the kill, the checks


def burst_and_kill(server, browser, claim_ids, writes, marker_prefix, rng):
    """Fires `writes` concurrent comment POSTs and SIGKILLs the server once a random number of them
    has been answered. Returns (acknowledged markers, status counts, answered before kill)."""
    statuses = {}
    acked = []
    lock = threading.Lock()
    answered = [0]
    answered_event = threading.Event()
    kill_after = rng.randint(1, max(1, writes - 1))
    start = threading.Barrier(writes + 1)
    cookies = dict(browser.cookies)
    csrf = browser.csrf

    def one(i):
        marker = "%s%04d-%s" % (marker_prefix, i, secrets.token_hex(4))
        claim_id = claim_ids[i % len(claim_ids)]
        try:
            start.wait(30)
        except threading.BrokenBarrierError:
            return
        try:
            status, _, body = request(
                server,
                "POST",
                "/claims/%d/comments" % claim_id,
                fields=[("csrf_token", csrf), ("body", marker)],
                cookies=cookies,
                timeout=60,
            )
            key = str(status)
            if status >= 500 and "database is locked" in body:
                key += " (database is locked)"
        except (OSError, http.client.HTTPException):
            status, key = None, "no answer"
        with lock:
            statuses[key] = statuses.get(key, 0) + 1
            if status == 303:
                acked.append((marker, claim_id))
            answered[0] += 1
            if answered[0] >= kill_after:
                answered_event.set()

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(writes)]
    for t in threads:
        t.start()
    start.wait(30)
    answered_event.wait(120)
    time.sleep(rng.random() * 0.002)
    with lock:
        at_kill = answered[0]
    server.kill()
    for t in threads:
        t.join(90)
    return acked, statuses, at_kill


def run(args):
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        sys.exit("error: %s is not an executable (build it with cargo build --release)" % binary)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 32)
    rng = random.Random(seed)
    workdir = tempfile.mkdtemp(prefix="claimdesk-crash-")
    db = PostgresDb(args.postgres) if args.postgres else SqliteDb(workdir)
    log_path = os.path.join(workdir, "server.log")
    backend = "PostgreSQL" if args.postgres else "SQLite"
    log(
        "crash durability on %s: %d rounds x %d concurrent writes, seed %d, binary %s, work dir %s"
        % (backend, args.rounds, args.writes, seed, binary, workdir)
    )
    server = Server(binary, db.url, log_path)
    passed = failed = 0
    total_acked = total_lost = 0
    try:
        done = server.run_cli(["migrate"])
        if done.returncode != 0:
            raise RuntimeError("claimdesk migrate failed: %s" % done.stderr.strip())
        email = "crash-%s@example.org" % secrets.token_hex(3)
        add_reviewer(server, email, "Crash Reviewer")
        server.start()
        browser = Browser(server)
        browser.sign_in(email, PASSWORD)
        _, claim_ids = create_article_with_claims(browser)
        log("setup: reviewer %s signed in, %d claims to comment on" % (email, len(claim_ids)))
        log("round  acknowledged  present  lost  unacked-but-stored  answered-at-kill  integrity  history  statuses")
        for round_no in range(1, args.rounds + 1):
            problems = []
            prefix = "crash-r%02d-%s-" % (round_no, secrets.token_hex(3))
            acked, statuses, at_kill = burst_and_kill(
                server, browser, claim_ids, args.writes, prefix, rng
            )
            integrity = db.integrity_check()
            if integrity is not None and integrity != "ok":
                problems.append("integrity_check: %s" % integrity)
            try:
                server.start()
            except RuntimeError as e:
                problems.append("restart failed: %s" % e)
                failed += 1
                log("%5d  restart failed: %s" % (round_no, e))
                break
            browser.refresh_csrf()
            present_all = stored_markers(db, prefix)
            acked_markers = {m for m, _ in acked}
            present = len(acked_markers & present_all)
            lost = sorted(acked_markers - present_all)
            mismatches = comment_history_mismatches(db, claim_ids)
            five_xx = sum(n for k, n in statuses.items() if k[0] == "5")
            other = {k: n for k, n in statuses.items() if k not in ("303", "no answer")}
            if lost:
                problems.append("%d acknowledged writes lost, e.g. %s" % (len(lost), lost[:3]))
            if mismatches:
                problems.append(
                    "comments vs 'commented' events differ (claim: comments, events): %s" % mismatches
                )
            if five_xx:
                problems.append("%d answers were 5xx" % five_xx)
            if other and not five_xx:
                problems.append("unexpected answers: %s" % other)
            total_acked += len(acked_markers)
            total_lost += len(lost)
            log(
                "%5d  %12d  %7d  %4d  %18d  %16d  %9s  %7s  %s"
                % (
                    round_no,
                    len(acked_markers),
                    present,
                    len(lost),
                    len(present_all - acked_markers),
                    at_kill,
                    integrity if integrity is not None else "n/a",
                    "ok" if not mismatches else "MISSING",
                    " ".join("%s:%d" % kv for kv in sorted(statuses.items())),
                )
            )
            if problems:
                failed += 1
                for p in problems:
                    log("       FAIL: %s" % p)
            else:
                passed += 1
        log(
            "%d acknowledged writes checked over %d rounds, %d lost"
            % (total_acked, passed + failed, total_lost)
        )
    except Exception as e:  # noqa: BLE001 - any setup error is a failed run
        log("FAIL: %s" % e)
        failed += 1
    finally:
        server.stop()
        db.drop()
    log("%d passed, %d failed" % (passed, failed))
    if failed == 0 and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    elif failed:
        log("kept %s (database and server.log) for inspection" % workdir)
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default="target/release/claimdesk")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server URL (a database is created on it)")
    parser.add_argument("--seed", type=int, help="seed of the kill moments (printed at start)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    if args.rounds < 1 or args.writes < 2:
        parser.error("--rounds must be at least 1 and --writes at least 2")
    sys.exit(run(args))


if __name__ == "__main__":
    main()
