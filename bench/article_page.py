#!/usr/bin/env python3
"""The article page of a long article: its size and how fast it is served (issue 14, item 4).

Starts `claimdesk serve` on a fresh SQLite file, posts generated news-like articles of the given
sizes (paragraphs of sentences with figures in many forms: money, counts, percentages, dates), and
for each prints: the time the POST took (extraction and saving), the number of candidates, the
article page's size and the median of `--rounds` GETs of its first page, of a later page of
candidates and of a later part of the text, the size of the old whole-article layout it replaces
(the body alone), and the time of one in-place accept (JSON) and of "reject the rest".

    python3 bench/article_page.py [--bin target/release/claimdesk] [--sizes 1048576,2000000]
                                  [--rounds 5] [--smoke]

`--smoke` (CI) posts one 256 KiB article and checks the page stays under 400 KB; the full form's
figures go in docs/PERFORMANCE.md. Exit status non-zero when a page is over 3 MB or a GET over 3 s.
"""

import argparse
import json
import os
import random
import re
import secrets
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from crash_durability import (  # noqa: E402
    PASSWORD,
    Browser,
    Server,
    SqliteDb,
    add_reviewer,
    location,
    log,
    request,
)

SUBJECTS = ["the port authority", "the ministry", "the city council", "the coast guard",
            "the central bank", "the health agency", "the union", "the regional government"]
THINGS = ["containers", "sailors", "households", "patients", "vessels", "workers", "students",
          "tonnes of grain"]
MONTHS = ["January", "March", "May", "August", "October", "December"]


def sentence(rng):
    """One sentence of a generated report, with a figure in one of several forms."""
    n = rng.randint(2, 98_000)
    forms = [
        lambda: "%s said it handled %s %s last year." % (
            rng.choice(SUBJECTS).capitalize(), f"{n:,}", rng.choice(THINGS)),
        lambda: "Spending rose to $%d million, up %d%% from the year before, %s said." % (
            rng.randint(2, 900), rng.randint(1, 60), rng.choice(SUBJECTS)),
        lambda: "More than %s %s were affected by the closure on %d %s." % (
            f"{n:,}", rng.choice(THINGS), rng.randint(1, 28), rng.choice(MONTHS)),
        lambda: "The plan, announced in %s %d, covers about %d.%d billion won in loans." % (
            rng.choice(MONTHS), rng.randint(2015, 2026), rng.randint(1, 90), rng.randint(1, 9)),
        lambda: "Officials said the queue had doubled in %d weeks." % rng.randint(2, 12),
        lambda: "Residents waited outside the office through the afternoon.",
        lambda: "Nearly a third of %s said the service had improved." % rng.choice(THINGS),
    ]
    return rng.choice(forms)()


def article_text(size, seed):
    rng = random.Random(seed)
    paragraphs, length = [], 0
    while length < size:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        paragraphs.append(paragraph)
        length += len(paragraph.encode()) + 2
    text = "\n\n".join(paragraphs)
    return text.encode()[:size].decode("utf-8", "ignore").rsplit(" ", 1)[0] + "."


def timed_get(browser, path, rounds):
    times, size = [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        status, _, body = browser.get(path, timeout=120)
        times.append(time.perf_counter() - started)
        if status != 200:
            raise RuntimeError("GET %s answered %s" % (path, status))
        size = len(body.encode())
    return statistics.median(times), size


def run(args):
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        sys.exit("error: %s is not an executable (build it with cargo build)" % binary)
    sizes = [256 * 1024] if args.smoke else [int(s) for s in args.sizes.split(",")]
    workdir = tempfile.mkdtemp(prefix="claimdesk-article-page-")
    db = SqliteDb(workdir)
    server = Server(binary, db.url, os.path.join(workdir, "server.log"), workers=2)
    failures = 0
    try:
        done = server.run_cli(["migrate"])
        if done.returncode != 0:
            raise RuntimeError("claimdesk migrate failed: %s" % done.stderr.strip())
        email = "pages-%s@example.org" % secrets.token_hex(3)
        add_reviewer(server, email, "Page Bench", team="Page Desk")
        server.start()
        browser = Browser(server)
        browser.sign_in(email, PASSWORD)
        log("article page, %s, %d GETs each (median)" % (os.path.basename(binary), args.rounds))
        log("%10s %9s %10s %10s %10s %10s %10s %9s %9s %9s" % (
            "article", "post s", "candidates", "page KB", "page1 s", "pageN s", "partN s",
            "body KB", "accept s", "rest s"))
        for index, size in enumerate(sizes):
            body = article_text(size, seed=index)
            started = time.perf_counter()
            status, headers, answer = browser.post("/articles", {
                "title": "Long report %d" % index, "publisher": "Bench Gazette", "body": body,
            }, timeout=600)
            posted = time.perf_counter() - started
            if status != 303:
                raise RuntimeError("POST /articles answered %s: %s" % (status, answer[:300]))
            path = location(headers).split("?")[0]
            first, page_bytes = timed_get(browser, path, args.rounds)
            _, _, page = browser.get(path)
            total = int(re.search(r"</span> of (\d+);", page).group(1))
            pages = int(re.search(r"Page 1 of (\d+)", page).group(1)) if "Page 1 of" in page else 1
            parts = re.search(r"Text, part 1 of (\d+)", page)
            parts = int(parts.group(1)) if parts else 1
            later, _ = timed_get(browser, "%s?page=%d" % (path, max(pages // 2, 1)), args.rounds)
            part, _ = timed_get(browser, "%s?part=%d" % (path, max(parts // 2, 1)), args.rounds)
            candidate = re.search(r'<tr id="candidate-(\d+)"', page).group(1)
            started = time.perf_counter()
            status, _, answer = request(
                server, "POST", "%s/candidates/%s/accept" % (path, candidate),
                fields=[("csrf_token", browser.csrf)], cookies=dict(browser.cookies),
                headers={"Accept": "application/json"})
            accepted = time.perf_counter() - started
            if status != 200 or json.loads(answer).get("state") != "accepted":
                raise RuntimeError("the in-place accept answered %s: %s" % (status, answer[:200]))
            started = time.perf_counter()
            status, _, answer = browser.post("%s/reject-rest" % path, {}, timeout=600)
            rest = time.perf_counter() - started
            if status != 303:
                raise RuntimeError("reject-rest answered %s: %s" % (status, answer[:200]))
            log("%10d %9.2f %10d %10.0f %10.3f %10.3f %10.3f %9.0f %9.3f %9.3f" % (
                size, posted, total, page_bytes / 1000, first, later, part,
                len(body.encode()) / 1000, accepted, rest))
            limit = 400_000 if args.smoke else 3_000_000
            if page_bytes > limit or max(first, later, part) > 3.0:
                failures += 1
                log("FAIL  the page of a %d-byte article: %d bytes, %.2f s" % (
                    size, page_bytes, max(first, later, part)))
    finally:
        server.stop()
        db.drop()
    log("%d passed, %d failed" % (len(sizes) - failures, failures))
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default="target/release/claimdesk")
    parser.add_argument("--sizes", default="1048576,2000000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--smoke", action="store_true")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
