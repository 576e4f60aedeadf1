#!/usr/bin/env python3
"""The web in and out, from outside: articles from links and the evidence vault, against a local
web server (nothing leaves the machine).

A black-box check of what `tests/api/fetch.rs` and `tests/api/evidence.rs` prove from inside.
Starts the real binary on fresh SQLite files, a local web server in a thread of this script, and
checks over HTTP and the command line only:

  1. a link to 127.0.0.1 is not fetched by default: the form comes back with the reason, and the
     local server receives no request;
  2. with CLAIMDESK_FETCH_ALLOW=127.0.0.1/32 an article comes in from its link, with the page's own
     title (no site suffix), none of its navigation, cookie banner or footer text, and its
     `$80 million` candidate;
  3. two citations of one page say "excerpt found" and "excerpt not found" once the job worker has
     archived the page, and the archived copy's link serves the cited text, sandboxed;
  4. after the page changes, `claimdesk citations recheck` flags it "changed since cited"; after it
     vanishes, "gone"; and the archived copy is still served;
  5. a webhook endpoint (a path of the same local server) for `article.created` that fails twice
     gets a third delivery of the same `webhook-id` (the retries come after 5 s and 30 s), whose
     `webhook-signature` verifies with the `whsec_` secret the page showed once;
  6. a watched feed with two items gives two articles (`claimdesk watch run-once`), and a second
     run asks with `If-None-Match` and adds none.

Python 3 standard library only; shares the HTTP and server helpers of bench/crash_durability.py.
Prints one line per check and a closing `N passed, M failed`; exits non-zero on any failure.

    python3 bench/web_in_out.py [--bin target/debug/claimdesk] [--keep]
"""

import argparse
import base64
import hashlib
import hmac
import http.server
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from crash_durability import PASSWORD, Browser, Server, SqliteDb, add_reviewer, location, log  # noqa: E402
from daily_desk import accept_all, claims_of  # noqa: E402

TEAM = "Web Desk"

# A news page as sites serve them (written for this check): menu, cookie banner, article, footer.
STORY = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour fund grows to $80 million | The Coastal Ledger</title>
<meta property="og:site_name" content="The Coastal Ledger">
<meta name="author" content="Mira Okafor">
</head><body>
<header><nav><a href="/">Home</a> <a href="/politics">Politics desk</a> <a href="/sport">Sport results</a></nav></header>
<div class="cookie-banner"><p>We use cookies to personalise content. Accept all cookies or manage your preferences.</p></div>
<main><article><h1>Harbour fund grows to $80 million</h1>
<p>The port authority said on Friday that its harbour repair fund had grown to $80 million, up from
$52 million a year earlier, after three coastal councils added money to it over the winter.</p>
<p>Engineers estimate that 14 of the 40 berths need new pilings within five years, and the
authority plans to begin work on the first six berths when the spring storms have passed.</p>
<p>Critics on the councils say the fund still falls short of what the last survey called for, and
nobody has yet said how the remaining work would be paid for once the fund runs out.</p>
</article></main>
<footer><p>Copyright 2026 The Coastal Ledger. All rights reserved.</p><a href="/jobs">Careers at the Ledger</a></footer>
</body></html>"""

PRESENT = "its harbour repair fund had grown to $80 million, up from $52 million a year earlier"
ABSENT = "the harbour repair fund had grown to $95 million"
NOT_IN_ARTICLE = ["Politics desk", "Sport results", "Accept all cookies", "Careers at the Ledger",
                  "All rights reserved"]


class Pages(http.server.ThreadingHTTPServer):
    """path -> (status, content type, body); every request's path is kept."""

    daemon_threads = True

    def __init__(self):
        self.routes = {}
        self.hits = []
        # POST /hook: the statuses to answer in turn (the last one stays), and what came.
        self.hook_answers = [500, 500, 200]
        self.deliveries = []
        # (path, If-None-Match) of every GET.
        self.conditional = []
        super().__init__(("127.0.0.1", 0), PageHandler)

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.server_address[1], path)


class PageHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the standard library's name)
        self.server.hits.append(self.path)
        self.server.conditional.append((self.path, self.headers.get("If-None-Match")))
        status, kind, body = self.server.routes.get(self.path, (404, "text/plain", "not found"))
        etag = '"%s"' % hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("ETag", etag)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.deliveries.append((dict((k.lower(), v) for k, v in self.headers.items()), body))
        answers = self.server.hook_answers
        status = answers.pop(0) if len(answers) > 1 else answers[0]
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def signature_verifies(secret, headers, body):
    """As a Standard Webhooks library checks it: v1, base64 HMAC-SHA256 of id.timestamp.body."""
    key = base64.b64decode(secret[len("whsec_"):])
    signed = ("%s.%s." % (headers["webhook-id"], headers["webhook-timestamp"])).encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(expected, s) for s in headers["webhook-signature"].split(" "))


def evidence_of(page, citation):
    m = re.search(r'id="evidence-%s".*?</li>' % citation, page, re.S)
    return m.group(0) if m else ""


def run(args):
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        sys.exit("error: %s is not an executable" % binary)
    workdir = tempfile.mkdtemp(prefix="claimdesk-web-")
    pages = Pages()
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    pages.routes["/news/harbour-fund"] = (200, "text/html; charset=utf-8", STORY)
    link = pages.url("/news/harbour-fund")
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        log("%s  %s%s" % ("ok  " if ok else "FAIL", name, (": " + detail) if detail and not ok
                          else ""))

    servers = []

    def desk(name, extra_env):
        os.makedirs(os.path.join(workdir, name))
        db = SqliteDb(os.path.join(workdir, name))
        server = Server(binary, db.url, os.path.join(workdir, "%s.log" % name), workers=2,
                        extra_env=extra_env)
        servers.append(server)
        done = server.run_cli(["migrate"])
        if done.returncode != 0:
            raise RuntimeError("claimdesk migrate failed: %s" % done.stderr.strip())
        email = "admin-%s@example.org" % secrets.token_hex(3)
        add_reviewer(server, email, "Ada Admin", team=TEAM, role="admin")
        server.start()
        browser = Browser(server)
        browser.sign_in(email, PASSWORD)
        return server, browser

    try:
        # 1. Not fetched by default.
        server, browser = desk("default", {})
        status, _, page = browser.post("/articles/fetch", {"url": link})
        check("a link to 127.0.0.1 is refused by default, with the reason (%s)" % status,
              status == 422 and "127.0.0.1 is a loopback address" in page and not pages.hits,
              "hits: %r" % pages.hits)
        server.stop()

        # 2. An article from its link.
        allow = {"CLAIMDESK_FETCH_ALLOW": "127.0.0.1/32", "CLAIMDESK_JOBS_INTERVAL": "1s"}
        server, browser = desk("allowed", allow)
        status, _, page = browser.post("/team/webhooks", [("url", pages.url("/hook")),
                                                          ("events", "article.created")])
        m = re.search(r"(whsec_[A-Za-z0-9+/=]+)", page)
        secret = m.group(1) if m else ""
        check("a webhook endpoint is added and its secret shown once (%s)" % status,
              status == 201 and secret != "" and "whsec_" not in browser.get("/team/webhooks")[2])
        status, headers, _ = browser.post("/articles/fetch", {"url": link})
        target = location(headers) or ""
        m = re.match(r"/articles/(\d+)", target)
        check("with CLAIMDESK_FETCH_ALLOW the link becomes an article (%s %s)" % (status, target),
              status == 303 and m is not None)
        article = int(m.group(1)) if m else 0
        _, _, page = browser.get("/articles/%d" % article)
        check("the article has the page's own title, without the site's name",
              "<h1>Harbour fund grows to $80 million</h1>" in page)
        leaked = [text for text in NOT_IN_ARTICLE if text in page]
        check("no navigation, cookie banner or footer text in the article", not leaked,
              "found: %r" % leaked)
        check("its $80 million candidate is there", "$80 million" in page)

        # 3. Two citations of one page: excerpt found and not found; the archived copy.
        accept_all(browser, article)
        claim = claims_of(browser, article)[0]
        for excerpt in (PRESENT, ABSENT):
            status, _, _ = browser.post("/claims/%d/citations" % claim, {
                "url": link, "title": "Harbour fund grows", "stance": "supports",
                "excerpt": excerpt})
            if status != 303:
                raise RuntimeError("adding a citation answered %s" % status)
        deadline = time.time() + 30
        while True:
            _, _, page = browser.get("/claims/%d" % claim)
            if "archiving…" not in page or time.time() > deadline:
                break
            time.sleep(0.5)
        cited = [int(c) for c in re.findall(r'id="evidence-(\d+)"', page)]
        said = [evidence_of(page, c) for c in cited]
        check("two citations of one page: one says excerpt found, the other excerpt not found",
              len(cited) == 2 and "excerpt found" in said[0] and "excerpt not found" in said[1],
              "%r" % said)
        snapshot = "/claims/%d/citations/%d/snapshot" % (claim, cited[0]) if cited else "/"
        status, headers, body = browser.get(snapshot)
        policy = dict((k.lower(), v) for k, v in headers).get("content-security-policy", "")
        check("the archived copy serves the cited text, sandboxed",
              status == 200 and "had grown to $80 million" in body and policy.startswith("sandbox"),
              "%s %r" % (status, policy))

        # 4. Rechecks: changed since cited, then gone; the copy stays.
        pages.routes["/news/harbour-fund"] = (
            200, "text/html; charset=utf-8", STORY.replace("$80 million, up", "$65 million, up"))
        done = server.run_cli(["citations", "recheck", "--wait", "10s"])
        _, _, page = browser.get("/claims/%d" % claim)
        check("after the page changes, citations recheck flags it changed since cited",
              done.returncode == 0 and "2 changed since cited" in done.stdout
              and "changed since cited" in evidence_of(page, cited[0]),
              done.stdout + done.stderr)
        del pages.routes["/news/harbour-fund"]
        done = server.run_cli(["citations", "recheck", "--wait", "10s"])
        _, _, page = browser.get("/claims/%d" % claim)
        check("after the page vanishes, citations recheck flags it gone",
              done.returncode == 0 and "2 gone" in done.stdout
              and ">gone<" in evidence_of(page, cited[0]), done.stdout + done.stderr)
        status, _, body = browser.get(snapshot)
        check("the archived copy is still served", status == 200 and "$80 million" in body)

        # 5. The article.created webhook: failed twice, delivered the third time, same id.
        deadline = time.time() + 90
        while len(pages.deliveries) < 3 and time.time() < deadline:
            time.sleep(0.5)
        got = pages.deliveries
        ids = {headers["webhook-id"] for headers, _ in got}
        last = json.loads(got[-1][1]) if got else {}
        check("a failing endpoint gets a third delivery of the same webhook-id (%d deliveries, "
              "%d ids)" % (len(got), len(ids)),
              len(got) == 3 and len(ids) == 1 and last.get("type") == "article.created")
        check("its webhook-signature verifies with the secret shown once",
              bool(got) and signature_verifies(secret, got[-1][0], got[-1][1]))

        # 6. A watched feed: two items, two articles; unchanged, none.
        for path, title, figure in (("/news/ferry", "Ferry carried a record 1.4 million", "1.4 million"),
                                    ("/news/bridge", "Harbour bridge shuts for 12 days", "12 days")):
            pages.routes[path] = (200, "text/html; charset=utf-8", STORY.replace(
                "Harbour fund grows to $80 million", title).replace("$80 million, up", figure + ", up"))
        feed = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Coastal Ledger</title>"
                + "".join("<item><title>%s</title><link>%s</link><guid>%s</guid></item>"
                          % (g, pages.url(p), g) for g, p in (("ferry", "/news/ferry"),
                                                              ("bridge", "/news/bridge")))
                + "</channel></rss>")
        pages.routes["/feed.xml"] = (200, "application/rss+xml", feed)
        status, _, page = browser.post("/team/feeds", {"url": pages.url("/feed.xml")})
        check("a feed is watched (%s)" % status, status == 303)
        first = server.run_cli(["watch", "run-once", "--wait", "10s"])
        _, _, listing = browser.get("/articles")
        check("a feed with two items gives two articles",
              first.returncode == 0 and "2 new articles" in first.stdout
              and "Ferry carried a record 1.4 million" in listing
              and "Harbour bridge shuts for 12 days" in listing, first.stdout + first.stderr)
        second = server.run_cli(["watch", "run-once", "--wait", "10s"])
        asked = [tag for path, tag in pages.conditional if path == "/feed.xml"]
        _, _, after = browser.get("/articles")
        check("a second run-once sends If-None-Match and adds none",
              second.returncode == 0 and "not modified" in second.stdout and len(asked) >= 2
              and asked[-1] is not None and after.count("<tr") == listing.count("<tr"),
              "%r %r" % (second.stdout, asked))
    finally:
        for server in servers:
            server.stop()
        pages.shutdown()
        if args.keep:
            log("work directory kept: %s" % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    failed = results.count(False)
    log("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default="target/debug/claimdesk")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
