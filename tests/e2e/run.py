#!/usr/bin/env python3
"""ClaimDesk end to end, in real browsers.

Starts the binary on a fresh SQLite file, drives two headless Chromium instances (an admin and a
reviewer, each with its own profile) through the review desk and the correction of a published
verdict, with a third that never signs in for the public pages, checks every page it visits with
axe-core (serious and critical violations fail), and writes the README's screenshots.

    python3 tests/e2e/run.py --bin target/debug/claimdesk

Needs: chromium and chromium-driver (Debian), `pip install selenium`, `npm ci --prefix tests/e2e`
(axe-core). Nothing is downloaded at run time: the driver is /usr/bin/chromedriver and Selenium
Manager runs offline. Prints one line per scenario and a closing `N passed, M failed`; the exit
status is non-zero when anything failed.
"""

import argparse
import base64
import csv
import io
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import xml.etree.ElementTree as ET
from pathlib import Path

# Never let Selenium Manager reach the internet for a driver or a browser.
os.environ["SE_OFFLINE"] = "true"

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import (NoAlertPresentException,  # noqa: E402
                                        StaleElementReferenceException,
                                        UnexpectedAlertPresentException, WebDriverException)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "docs" / "screenshots"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

ADMIN = {"team": "Harbour Desk", "name": "Ada Okafor", "email": "ada@example.org",
         "password": "lantern harbour quietly orbit 42"}
REVIEWER = {"name": "Rui Tanaka", "email": "rui@example.org",
            "password": "copper meadow sideways kettle 17"}

# Our own article: a navy deployment with numbers in several forms, a byline date and a photo
# credit (which the extractor scores low).
ARTICLE_TITLE = "Navy sends frigates and 1,200 sailors to the eastern straits"
ARTICLE_BODY = (
    "By Dana Whitfield, Harbour Correspondent\n"
    "Published 14 March 2026\n"
    "\n"
    "The coastal navy announced on Monday that it would deploy three patrol frigates and more "
    "than 1,200 sailors to the eastern straits before the end of April, the defence ministry said.\n"
    "\n"
    "Officials said the operating budget for the mission had doubled to $80 million (about 104 "
    "billion won) this year, the highest level since the fleet was founded.\n"
    "\n"
    "Rear Admiral Ines Park told reporters that 45% of the crews were on their first deployment.\n"
    "\n"
    "Photo: Harbour Press Agency, 2026\n"
)

XSS = "<script>alert(1)</script>"
XSS_TITLE = XSS + " Port figures"
XSS_BODY = (
    "The port authority said " + XSS + " that 300 containers arrived on Tuesday, "
    "more than double the usual count.\n\n"
    "A spokesperson added <img src=x onerror=alert(2)> that 12 cranes were working.\n"
)

WAIT = 15


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------

class Server:
    """`claimdesk serve` on a fresh SQLite file and a free port."""

    def __init__(self, binary, workdir):
        self.workdir = workdir
        self.stdout_lines = queue.Queue()
        self.stderr_lines = queue.Queue()
        self.log = open(os.path.join(workdir, "server.log"), "w")
        env = dict(os.environ)
        env.update({
            "DATABASE_URL": os.path.join(workdir, "e2e.db"),
            "CLAIMDESK_BIND": "127.0.0.1:0",
            "CLAIMDESK_WORKERS": "4",
            "RUST_LOG": env.get("RUST_LOG", "info"),
        })
        env.pop("CLAIMDESK_PUBLIC_URL", None)
        self.proc = subprocess.Popen([binary, "serve"], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=env, cwd=workdir, text=True, bufsize=1)
        threading.Thread(target=self._pump, args=(self.proc.stdout, self.stdout_lines),
                         daemon=True).start()
        threading.Thread(target=self._pump, args=(self.proc.stderr, self.stderr_lines),
                         daemon=True).start()
        self.base = None
        self.setup_url = None
        deadline = time.time() + 60
        while (self.base is None or self.setup_url is None) and time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"claimdesk exited with {self.proc.returncode}; see {self.log.name}")
            for q in (self.stdout_lines, self.stderr_lines):
                try:
                    line = q.get(timeout=0.05)
                except queue.Empty:
                    continue
                m = re.search(r"listening on (http://\S+)", line)
                if m:
                    self.base = m.group(1).rstrip("/")
                m = re.search(r"(http://\S+/setup\?token=[0-9a-f]+)", line)
                if m:
                    self.setup_url = m.group(1)
        if self.base is None or self.setup_url is None:
            raise RuntimeError(f"no listening line or setup URL within 60 s; see {self.log.name}")

    def _pump(self, stream, q):
        for line in stream:
            self.log.write(line)
            self.log.flush()
            q.put(line)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# ---------------------------------------------------------------------------------------------
# Browsers
# ---------------------------------------------------------------------------------------------

def wait_replaced(driver, old):
    """Waits until the document that `old` belonged to is gone (the next page has come). While
    Chromium is between documents, ChromeDriver may answer with other errors than "stale"
    ("Node with given id does not belong to the document"): those mean "not yet"."""
    def replaced(_):
        try:
            old.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException:
            return False
    WebDriverWait(driver, WAIT, poll_frequency=0.1).until(replaced)


def new_browser(profile_dir):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--disable-extensions", "--window-size=1440,1000",
                "--lang=en-US", f"--user-data-dir={profile_dir}"):
        options.add_argument(arg)
    # Leave any alert open so that a test can see it (the default dismisses it).
    options.unhandled_prompt_behavior = "ignore"
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


class Browser:
    """One Chromium with helpers for the pages of ClaimDesk."""

    def __init__(self, name, base, profile_dir):
        self.name = name
        self.base = base
        self.d = new_browser(profile_dir)

    def get(self, path):
        self.d.get(path if path.startswith("http") else self.base + path)
        self.ready()

    def ready(self):
        def complete(d):
            try:
                return d.execute_script("return document.readyState") == "complete"
            except UnexpectedAlertPresentException:
                raise AssertionError("an alert dialog opened")
            except WebDriverException:
                return False  # between documents
        WebDriverWait(self.d, WAIT, poll_frequency=0.1).until(complete)

    def path(self):
        url = self.d.current_url
        return url[len(self.base):] if url.startswith(self.base) else url

    def status(self):
        """The HTTP status of the current document (Navigation Timing Level 2)."""
        return self.d.execute_script(
            "var n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : null;")

    def el(self, css):
        return self.d.find_element(By.CSS_SELECTOR, css)

    def els(self, css):
        return self.d.find_elements(By.CSS_SELECTOR, css)

    def fill(self, css, text):
        field = self.el(css)
        field.clear()
        field.send_keys(text)
        return field

    def set_value(self, css, value):
        """For fields whose typing depends on the locale (dates)."""
        self.d.execute_script("arguments[0].value = arguments[1];", self.el(css), value)

    def click_and_wait(self, element):
        """Click something that submits or navigates, and wait for the next page."""
        old = self.d.find_element(By.TAG_NAME, "html")
        element.click()
        wait_replaced(self.d, old)
        self.ready()

    def submit(self, form_css, button_text=None):
        form = self.el(form_css)
        buttons = form.find_elements(By.CSS_SELECTOR, "button[type=submit], button:not([type])")
        if button_text:
            buttons = [b for b in buttons if b.text.strip() == button_text]
        if not buttons:
            raise AssertionError(f"no submit button {button_text!r} in {form_css}")
        self.click_and_wait(buttons[0])

    def action_form(self, action):
        """The form that posts a workflow transition (hidden input action=…)."""
        return self.d.find_element(
            By.XPATH, f"//form[.//input[@name='action' and @value='{action}']]")

    def text(self, css="body"):
        return self.el(css).text

    def no_alert(self):
        try:
            alert = self.d.switch_to.alert
        except NoAlertPresentException:
            return True
        message = alert.text
        alert.dismiss()
        raise AssertionError(f"an alert dialog opened: {message!r}")

    def metrics(self, width, height, mobile=False):
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def clear_metrics(self):
        self.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def screenshot(self, filename, width=1280, max_height=4000):
        """A 1280 px wide image of the whole page (its full height, up to max_height)."""
        self.metrics(width, 900)
        time.sleep(0.2)
        height = self.d.execute_script(
            "return Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight));")
        height = max(600, min(int(height), max_height))
        self.metrics(width, height)
        time.sleep(0.2)
        png = self.d.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / filename).write_bytes(base64.b64decode(png))
        self.clear_metrics()

    def quit(self):
        try:
            self.d.quit()
        except Exception:
            pass


# ---------------------------------------------------------------------------------------------
# axe-core
# ---------------------------------------------------------------------------------------------

AXE_SOURCE = None
AXE_RESULTS = []  # (label, [violations]) of every check
AXE_FAILURES = []  # one message per page with a serious or critical finding


def axe(browser, label):
    """Runs axe-core on the current page. Serious and critical violations are kept in AXE_FAILURES
    (the closing accessibility scenario fails on them, so a flow scenario reports only the flow);
    returns the message or None."""
    global AXE_SOURCE
    if AXE_SOURCE is None:
        AXE_SOURCE = AXE_JS.read_text(encoding="utf-8")
    browser.d.execute_script(AXE_SOURCE)
    width = browser.d.execute_script("return window.innerWidth;")
    label = label if "px" in label else f"{label} @{width}px"
    result = browser.d.execute_async_script("""
        var done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']})
          .then(function (r) { done({violations: r.violations}); })
          .catch(function (e) { done({error: String(e)}); });
    """)
    if result.get("error"):
        raise AssertionError(f"axe failed on {label}: {result['error']}")
    bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
    AXE_RESULTS.append((label, result["violations"]))
    if bad:
        lines = [f"axe: {len(bad)} serious/critical violation(s) on {label} ({browser.path()})"]
        for v in bad:
            lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
            for node in v["nodes"][:8]:
                lines.append(f"      {' '.join(map(str, node.get('target', [])))}  {node.get('html', '')[:160]}")
                summary = (node.get("failureSummary") or "").replace("\n", " ")
                if summary:
                    lines.append(f"        {summary[:300]}")
            if len(v["nodes"]) > 8:
                lines.append(f"      … and {len(v['nodes']) - 8} more")
        AXE_FAILURES.append("\n".join(lines))
        return AXE_FAILURES[-1]
    return None


# The elements that stick out past the right edge and are not inside a scrolling box.
WIDEST = """
    var vw = arguments[0], out = [];
    document.querySelectorAll('body *').forEach(function (e) {
      var r = e.getBoundingClientRect();
      if (r.right <= vw + 1 || r.width === 0) return;
      for (var p = e.offsetParent; p; p = p.offsetParent) {
        var ov = getComputedStyle(p).overflowX;
        if (ov === 'auto' || ov === 'scroll' || ov === 'hidden') return;
      }
      out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
               (e.className ? '.' + String(e.className).split(' ').join('.') : '') +
               ' (right edge ' + Math.round(r.right) + ' px)');
    });
    return out.slice(0, 6).join(', ');
"""


def axe_at(browser, label, width):
    """axe at a given viewport width (375 emulates a phone)."""
    browser.metrics(width, 900 if width > 600 else 812, mobile=width <= 600)
    try:
        time.sleep(0.1)
        # WCAG 1.4.10 (reflow): on a phone nothing may widen the page past the screen, or the
        # browser zooms the whole page out (then innerWidth grows past the device width).
        seen, scroll = browser.d.execute_script(
            "return [window.innerWidth, document.documentElement.scrollWidth];")
        if width <= 600 and (seen != width or scroll > width):
            wide = browser.d.execute_script(WIDEST, width)
            AXE_FAILURES.append(f"reflow: {label} ({browser.path()}) is {max(seen, scroll)} px wide "
                                f"on a {width} px screen (horizontal scrolling); widest: {wide}")
        axe(browser, f"{label} @{width}px")
    finally:
        browser.clear_metrics()


# ---------------------------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------------------------

class Ctx:
    pass


def scenario_setup(c):
    """First-run setup through the printed setup URL: the team and its admin."""
    a = c.admin
    a.get(c.server.setup_url)
    assert "Set up ClaimDesk" in a.text("h1"), a.text("h1")
    axe(a, "setup")
    a.fill("#team", ADMIN["team"])
    a.fill("#name", ADMIN["name"])
    a.fill("#email", ADMIN["email"])
    a.fill("#password", ADMIN["password"])
    a.submit("form[action='/setup']")
    assert a.path().startswith("/claims"), a.path()
    header = a.text(".site-header")
    assert ADMIN["team"] in header and ADMIN["name"] in header and "admin" in header, header
    # The link works once.
    c.reviewer.get(c.server.setup_url)
    assert c.reviewer.status() in (403, 404, 410), c.reviewer.status()


def scenario_invite(c):
    """Team → invite a reviewer → the invite link → accept in the second browser."""
    a, r = c.admin, c.reviewer
    r.get("/login")
    assert "Sign in" in r.text("h1")
    axe(r, "login")
    a.get("/claims")
    a.click_and_wait(a.d.find_element(By.LINK_TEXT, "Team"))
    assert a.path() == "/team/members", a.path()
    a.fill("#invite-email", REVIEWER["email"])
    Select(a.el("#invite-role")).select_by_value("reviewer")
    a.submit("form[action='/team/invites']")
    link = a.el("input.copy-field").get_attribute("value")
    assert re.search(r"/invites/[0-9A-Za-z_-]+$", link), link
    assert REVIEWER["email"] in a.text("body")
    axe(a, "team members")
    r.get(link)
    assert ADMIN["team"] in r.text("h1"), r.text("h1")
    assert "reviewer" in r.text("main")
    axe(r, "accept invite")
    r.fill("#name", REVIEWER["name"])
    r.fill("#password", REVIEWER["password"])
    r.submit("form[action^='/invites/']")
    assert r.path().startswith("/claims"), r.path()
    header = r.text(".site-header")
    assert REVIEWER["name"] in header and "reviewer" in header, header
    a.get("/team/members")
    assert REVIEWER["name"] in a.text("table.data"), a.text("table.data")


def scenario_article(c):
    """Paste an article of our own; the candidates show up highlighted with their values."""
    r = c.reviewer
    r.get("/articles")
    axe(r, "articles list (empty)")
    r.click_and_wait(r.d.find_element(By.LINK_TEXT, "New article"))
    assert r.path() == "/articles/new"
    axe(r, "new article")
    r.fill("#title", ARTICLE_TITLE)
    r.fill("#url", "https://news.example.org/navy-straits")
    r.fill("#publisher", "Harbour Gazette")
    r.fill("#author", "Dana Whitfield")
    r.set_value("#published_on", "2026-03-14")
    r.fill("#body", ARTICLE_BODY)
    r.submit("form[action='/articles']")
    m = re.match(r"/articles/(\d+)", r.path())
    assert m, r.path()
    c.article_id = int(m.group(1))
    assert ARTICLE_TITLE in r.text("h1")
    marks = [e.text for e in r.els("mark.candidate")]
    for surface in ("1,200", "$80 million", "104 billion won", "45%"):
        assert any(surface in t for t in marks), f"{surface!r} not highlighted in {marks}"
    table = r.text("table.candidates")
    # Quantities as people write them, never the stored machine value.
    assert "$80 million" in table and "80000000 USD" not in table, table


def candidate_rows(browser):
    rows = []
    for tr in browser.els("table.candidates tbody tr"):
        cells = tr.find_elements(By.TAG_NAME, "td")
        surface = cells[0].find_element(By.TAG_NAME, "a").text
        rows.append({"tr": tr, "surface": surface, "score": float(cells[4].text),
                     "state": cells[5].text})
    return rows


def scenario_triage(c):
    """Accept every candidate scoring at least 0.5, then reject one that is left, in place."""
    r = c.reviewer
    r.get(f"/articles/{c.article_id}")
    axe(r, "article page (before triage)")
    r.fill("#min_score", "0.5")
    r.submit(f"form[action='/articles/{c.article_id}/accept-above']")
    rows = candidate_rows(r)
    high = [x for x in rows if x["score"] >= 0.5 and x["surface"] != "the highest level"]
    # The won amount restates the dollar amount beside it: it joins that claim, not a new one.
    joined = [x for x in high if x["state"].startswith("added to")]
    assert high and all(x["state"].startswith("accepted") for x in high if x not in joined), \
        [(x["surface"], x["score"], x["state"]) for x in rows]
    assert [x["surface"] for x in joined] == ["104 billion won"], \
        [(x["surface"], x["score"], x["state"]) for x in rows]
    pending = [x for x in rows if x["state"].startswith("pending")]
    assert pending, "no pending candidate left to reject"
    victim = min(pending, key=lambda x: x["score"])
    victim_surface = victim["surface"]
    row_id = victim["tr"].get_attribute("id")
    # Rejecting happens in place: the page is not reloaded (the marker set on this document
    # survives), the row, its mark in the text and the pending count change, and the place is kept.
    count_before = int(r.el("#pending-count").get_attribute("data-pending"))
    r.d.execute_script("window.__sameDocument = true; window.scrollTo(0, 400);")
    reject = victim["tr"].find_element(By.XPATH, ".//form[contains(@action,'/reject')]//button")
    reject.click()
    WebDriverWait(r.d, WAIT, poll_frequency=0.1).until(
        lambda d: d.find_element(By.ID, row_id).get_attribute("data-settled") == "rejected")
    assert r.d.execute_script("return window.__sameDocument === true"), "the page was reloaded"
    assert r.d.execute_script("return window.scrollY") >= 300, "the place was lost"
    assert r.el(f"#{row_id} .candidate-state").text.startswith("rejected")
    candidate = row_id.split("-", 1)[1]
    mark = r.els(f"#mark-{candidate}")
    assert not mark or "rejected" in mark[0].get_attribute("class"), mark[0].get_attribute("class")
    assert int(r.el("#pending-count").get_attribute("data-pending")) == count_before - 1
    assert "rejected" in r.el("#triage-status").get_attribute("textContent")
    # It is on the server too: a reload shows it rejected, with a Restore form.
    r.get(f"/articles/{c.article_id}")
    after = {x["surface"]: x["state"] for x in candidate_rows(r)}
    assert after[victim_surface].startswith("rejected"), after
    assert r.els(f"#{row_id} form[action*='/restore']"), "a rejected candidate can be restored"
    # The claim ids of the accepted candidates, by surface.
    c.claims = {}
    for tr in r.els("table.candidates tbody tr"):
        surface = tr.find_element(By.CSS_SELECTOR, "td a").text
        for a in tr.find_elements(By.CSS_SELECTOR, "a[href^='/claims/']"):
            c.claims[surface] = int(a.get_attribute("href").rsplit("/", 1)[1])
    assert "$80 million" in c.claims and "45%" in c.claims, c.claims
    assert r.els("mark.candidate.accepted") and r.els("mark.candidate.rejected")
    axe(r, "article page (after triage)")
    r.get("/articles")
    assert ARTICLE_TITLE in r.text("table.data")
    axe(r, "articles list")


def scenario_assign(c):
    """The reviewer assigns the $80 million claim to themself."""
    r = c.reviewer
    c.money = c.claims["$80 million"]
    r.get(f"/claims/{c.money}")
    Select(r.el("#assignee")).select_by_value("me")
    r.submit(f"form[action='/claims/{c.money}/assign']")
    assert r.path().startswith(f"/claims/{c.money}"), r.path()
    facts = r.text("dl.facts")
    assert re.search(r"Assignee\s+" + re.escape(REVIEWER["name"]), facts), facts
    r.get("/claims?assignee=me")
    assert r.els(f"tr[data-claim='{c.money}']"), "not in the queue filtered by assignee=me"


def scenario_citation(c):
    """The reviewer adds a citation with its stance."""
    r = c.reviewer
    r.get(f"/claims/{c.money}")
    r.fill("#citation-url", "https://budget.example.gov/2026/navy-operations")
    r.fill("#citation-title", "Defence budget 2026: naval operations")
    r.fill("#citation-publisher", "Ministry of Defence")
    r.set_value("#citation-accessed", "2026-03-15")
    Select(r.el("#citation-stance")).select_by_value("supports")
    r.fill("#citation-excerpt", "Operations in the eastern straits: 80,000,000 USD (2025: 40,000,000 USD).")
    r.submit(f"form[action='/claims/{c.money}/citations']")
    cites = r.text("ul.citations")
    assert "Defence budget 2026: naval operations" in cites and "supports" in cites, cites
    link = r.el("ul.citations a").get_attribute("href")
    assert link == "https://budget.example.gov/2026/navy-operations", link


def scenario_propose(c):
    """The reviewer starts review and proposes a verdict with a rationale."""
    r = c.reviewer
    r.get(f"/claims/{c.money}")
    r.click_and_wait(r.action_form("start_review").find_element(By.TAG_NAME, "button"))
    assert "In review" in r.text(".meta"), r.text(".meta")
    Select(r.el("#verdict")).select_by_value("mostly_true")
    c.rationale = ("The 2026 budget lists 80 million dollars for the straits mission, "
                   "twice the 40 million of 2025; the won figure is a conversion.")
    r.fill("#rationale", c.rationale)
    r.submit("#propose")
    meta = r.text(".meta")
    assert "Awaiting approval" in meta, meta
    facts = r.text("dl.facts")
    assert re.search(r"Proposed by\s+" + re.escape(REVIEWER["name"]), facts), facts
    # Nobody approves their own verdict: the reviewer has no Approve button anyway.
    assert not r.d.find_elements(By.XPATH, "//input[@name='action' and @value='approve']")


def scenario_inbox(c):
    """The admin's inbox: the proposed verdict waits for their approval, with a count in the
    navigation; "Mark all read" clears the count."""
    a = c.admin
    a.get("/claims")
    count = a.text("#unread-count")
    assert count.split()[0].isdigit(), count
    a.get("/inbox")
    waiting = a.text("#approve-heading")
    assert "Waiting for your approval" in waiting, waiting
    assert a.d.find_elements(By.CSS_SELECTOR, f"ul.inbox-claims a[href='/claims/{c.money}']")
    assert "Waiting for your approval" in a.text("ol.notices")
    for w in (1440, 375):
        axe_at(a, "inbox", w)
    a.click_and_wait(a.el("form[action='/inbox/read'] button"))
    assert not a.d.find_elements(By.ID, "unread-count")
    assert "(new)" not in a.text("ol.notices")


def publish(c, a):
    """Publish from the claim page: the link opens the preview of the public page, whose button
    publishes."""
    a.click_and_wait(a.el("#publish-link"))
    assert "What the public page will say" in a.text("main"), a.text("main")
    axe(a, "publish preview")
    a.click_and_wait(a.el("#confirm-publish"))


def scenario_approve(c):
    """The admin (who did not propose it) approves in the other browser, then publishes."""
    a = c.admin
    a.get(f"/claims/{c.money}")
    assert c.rationale in a.text("dl.facts")
    axe(a, "claim page (awaiting approval)")
    a.click_and_wait(a.action_form("approve").find_element(By.TAG_NAME, "button"))
    meta = a.text(".meta")
    assert "Verified" in meta, meta
    facts = a.text("dl.facts")
    assert re.search(r"Approved by\s+" + re.escape(ADMIN["name"]), facts), facts
    publish(c, a)
    assert "Published" in a.text(".meta"), a.text(".meta")
    history = a.text("#history")
    for line in (f"{ADMIN['name']}: status (was awaiting_approval) → verified",
                 f"{ADMIN['name']}: status (was verified) → published"):
        assert line in history, history


def scenario_public_verdict(c):
    """The public verdict page of the published claim, read anonymously."""
    r = c.reviewer
    r.get(f"/verdicts/{c.money}")
    assert r.status() == 200, r.status()
    body = r.text("main")
    assert "$80 million" in body and "Verdict" in body and "Harbour Desk" in body, body
    axe(r, "public verdict page")


def reader(c):
    """A third Chromium that never signs in: what the public sees. Started on first use."""
    if getattr(c, "public", None) is None:
        c.public = Browser("public", c.server.base, os.path.join(c.workdir, "profile-public"))
        c.browsers.append(c.public)
    return c.public


def fetch(browser, path):
    """GET `path` from the current page's origin without cookies or the HTTP cache (the
    ClaimReview is served with max-age=300, so a cached copy would hide a republication); status,
    type and body."""
    res = browser.d.execute_async_script("""
        var done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'omit', cache: 'no-store'})
          .then(function (r) { return r.text().then(function (t) {
              done({status: r.status, type: r.headers.get('content-type'), body: t}); }); })
          .catch(function (e) { done({error: String(e)}); });
    """, path)
    assert not res.get("error"), res
    return res


def public_record(c):
    """The published claim as an anonymous reader gets it: its page's main text and ClaimReview."""
    p = reader(c)
    p.get(f"/verdicts/{c.money}")
    assert p.status() == 200, f"/verdicts/{c.money}: status {p.status()}"
    review = fetch(p, f"/claims/{c.money}/claimreview.json")
    assert review["status"] == 200, review["status"]
    return p.text("main"), json.loads(review["body"])


def scenario_settled(c):
    """The published claim is settled: the admin finds no edit or citation form, only the notice
    that it changes through a correction; the reviewer is told an editor can reopen it."""
    a, r = c.admin, c.reviewer
    a.get(f"/claims/{c.money}")
    assert "Published" in a.text(".meta"), a.text(".meta")
    notice = a.text("#record-settled")
    assert "change only through a correction" in notice and "Reopen it as a correction" in notice, notice
    for css in ("#edit-details", f"form[action='/claims/{c.money}/edit']",
                f"form[action='/claims/{c.money}/citations']", "#citation-url",
                f"form[action^='/claims/{c.money}/citations/']"):
        assert not a.els(css), f"{css} is still offered on a published claim"
    # What stays open: comments, tags, assignment; and the way to correct it.
    for css in ("#comment", "#tag", "#assignee", "#note"):
        assert a.els(css), f"{css} missing from the published claim page"
    axe(a, "claim page (settled, editor)")
    r.get(f"/claims/{c.money}")
    notice = r.text("#record-settled")
    assert "An editor can reopen it as a correction" in notice, notice
    assert not r.els("#edit-details") and not r.els("#citation-url") and not r.els("#note")
    c.published_page, c.published_review = public_record(c)


def scenario_reopen(c):
    """The admin reopens the published claim as a correction with a note; the public page stays up
    with the published verdict and a "Correction in progress" notice, its ClaimReview unchanged."""
    a = c.admin
    a.get(f"/claims/{c.money}")
    c.correction_note = ("The ministry's final accounts give exactly $80 million for the straits "
                         "mission, so the figure is accurate, not just broadly so.")
    a.fill("#note", c.correction_note)
    a.click_and_wait(a.action_form("reopen").find_element(
        By.XPATH, ".//button[normalize-space()='Reopen as a correction']"))
    assert a.path().startswith(f"/claims/{c.money}"), a.path()
    assert "In review" in a.text(".meta"), a.text(".meta")
    notice = a.text("#correction-open")
    assert "Correction in progress" in notice and c.correction_note in notice, notice
    assert "public page keeps the published version" in notice, notice
    assert not a.els("#record-settled"), "the settled notice outlived the reopening"
    assert a.els("#edit-details") and a.els("#citation-url"), "the record did not open for the correction"
    history = a.text("#history")
    assert f"{ADMIN['name']}: status (was published) → in_review" in history, history
    for width in (1440, 375):
        axe_at(a, "claim page (correction in progress)", width)
    p = reader(c)
    page, review = public_record(c)
    notice = p.text("#correction-in-progress")
    assert "Correction in progress" in notice, notice
    assert "Verdict: Mostly true" in page, page
    assert c.correction_note not in page, "the note is public before the correction is published"
    assert review == c.published_review, "the ClaimReview changed while the correction is open"
    assert page.replace(notice, "").split() == c.published_page.split(), \
        "the public page changed beyond its notice"
    for width in (1440, 375):
        axe_at(p, "public verdict page (correction in progress)", width)


def scenario_republish(c):
    """The reviewer proposes a new verdict, the admin approves and publishes; the public page lists
    the correction, links the team's corrections log, which lists it too, and its Atom feed."""
    a, r = c.admin, c.reviewer
    r.get(f"/claims/{c.money}")
    Select(r.el("#verdict")).select_by_value("true")
    c.rationale = ("The ministry's final accounts list exactly 80 million dollars for the straits "
                   "mission, twice the 40 million of 2025; the won figure is a conversion.")
    r.fill("#rationale", c.rationale)
    r.submit("#propose")
    assert "Awaiting approval" in r.text(".meta"), r.text(".meta")
    assert not r.d.find_elements(By.XPATH, "//input[@name='action' and @value='approve']")
    a.get(f"/claims/{c.money}")
    a.click_and_wait(a.action_form("approve").find_element(By.TAG_NAME, "button"))
    assert "Verified" in a.text(".meta"), a.text(".meta")
    publish(c, a)
    assert "Published" in a.text(".meta"), a.text(".meta")
    assert not a.els("#correction-open") and a.els("#record-settled")

    p = reader(c)
    page, review = public_record(c)
    assert not p.els("#correction-in-progress"), "the notice outlived the republication"
    assert "Verdict: True" in page, page
    corrections = p.text("ol.corrections")
    assert "verdict changed from Mostly true to True" in corrections, corrections
    assert c.correction_note in corrections, corrections
    assert review["reviewRating"]["alternateName"] == "True", review["reviewRating"]
    embedded = json.loads(p.el("script[type='application/ld+json']").get_attribute("textContent"))
    assert embedded["reviewRating"]["alternateName"] == "True", embedded["reviewRating"]
    assert review["datePublished"] == c.published_review["datePublished"], review
    assert review.get("dateModified", "") >= review["datePublished"], review
    axe(p, "public verdict page (corrected)")

    log = p.d.find_element(By.PARTIAL_LINK_TEXT, "All corrections")
    p.click_and_wait(log)
    m = re.fullmatch(r"/corrections/(\d+)", p.path())
    assert m and p.status() == 200, (p.path(), p.status())
    team = m.group(1)
    assert ADMIN["team"] in p.text("h1"), p.text("h1")
    rows = [tr for tr in p.els("table.data tbody tr")
            if tr.find_elements(By.CSS_SELECTOR, f"a[href='/verdicts/{c.money}']")]
    assert len(rows) == 1, p.text("main")
    row = rows[0].text
    assert "Mostly true (4 of 5) → True (5 of 5)" in row and c.correction_note in row, row
    for width in (1440, 375):
        axe_at(p, "corrections log", width)

    feed = fetch(p, f"/corrections/{team}/feed.atom")
    assert feed["status"] == 200, feed["status"]
    assert (feed["type"] or "").startswith("application/atom+xml"), feed["type"]
    assert p.els(f"a[href='/corrections/{team}/feed.atom']"), "the log does not link its feed"
    atom = ET.fromstring(feed["body"])
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entries = atom.findall("atom:entry", ns)
    assert len(entries) == 1, feed["body"]
    hrefs = [link.get("href", "") for link in entries[0].findall("atom:link", ns)]
    assert any(h.endswith(f"/verdicts/{c.money}") for h in hrefs), hrefs
    summary = entries[0].findtext("atom:summary", "", ns)
    assert "Mostly true (4 of 5) → True (5 of 5)" in summary and c.correction_note in summary, summary


def scenario_stale_tab(c):
    """Two tabs on one claim: save in one, then the other gets the 409 page with what was typed."""
    a = c.admin
    claim = c.claims["45%"]
    first = a.d.current_window_handle
    a.get(f"/claims/{claim}")
    a.d.switch_to.new_window("tab")
    second = a.d.current_window_handle
    a.get(f"/claims/{claim}")
    try:
        a.d.switch_to.window(first)
        a.el("#edit-details summary").click()
        a.fill("#statement", "45% of the crews were on their first deployment, Rear Admiral Park said.")
        a.submit(f"form[action='/claims/{claim}/edit']")
        assert a.status() == 200 and "Rear Admiral Park said" in a.text(".statement")
        a.d.switch_to.window(second)
        typed = "Stale tab: nearly half of the crews were new, said Park."
        a.el("#edit-details summary").click()
        a.fill("#statement", typed)
        a.submit(f"form[action='/claims/{claim}/edit']")
        assert a.status() == 409, f"status {a.status()}"
        assert "Someone else changed this claim" in a.text("h1"), a.text("h1")
        kept = [e.text for e in a.els("dd.typed")]
        assert typed in kept, kept
        assert "Rear Admiral Park said" in a.text("ol.history"), a.text("ol.history")
        axe(a, "409 conflict page")
        a.get(f"/claims/{claim}")
        assert "Rear Admiral Park said" in a.text(".statement"), "the first edit was overwritten"
    finally:
        a.d.close()
        a.d.switch_to.window(first)


def scenario_export_csv(c):
    """/export/claims.csv with the browser's cookies, parsed with Python's csv."""
    a = c.admin
    a.get("/claims")
    res = a.d.execute_async_script("""
        var done = arguments[arguments.length - 1];
        fetch('/export/claims.csv', {credentials: 'same-origin'})
          .then(function (r) { return r.text().then(function (t) {
              done({status: r.status, type: r.headers.get('content-type'),
                    disposition: r.headers.get('content-disposition'), body: t}); }); })
          .catch(function (e) { done({error: String(e)}); });
    """)
    assert not res.get("error"), res
    assert res["status"] == 200, res["status"]
    assert res["type"].startswith("text/csv") and "utf-8" in res["type"].lower(), res["type"]
    assert "attachment" in (res["disposition"] or ""), res["disposition"]
    body = res["body"].lstrip("\ufeff")
    assert "\r\n" in body, "rows do not end in CRLF"
    rows = list(csv.reader(io.StringIO(body, newline="")))
    header = rows[0]
    for col in ("claim_id", "statement", "value", "unit", "status", "verdict", "rationale",
                "citation_count", "proposed_by", "approved_by"):
        assert col in header, f"{col} missing from {header}"
    assert all(len(row) == len(header) for row in rows[1:]), "ragged rows"
    by_id = {row[header.index("claim_id")]: dict(zip(header, row)) for row in rows[1:]}
    money = by_id.get(str(c.money))
    assert money, f"claim {c.money} not in the export ({sorted(by_id)})"
    assert money["value"] == "80000000" and money["unit"] == "USD", money
    assert money["status"] == "published", money["status"]
    assert money["verdict"], money
    assert money["citation_count"] == "1", money["citation_count"]
    assert money["rationale"] == c.rationale, money["rationale"]
    assert money["proposed_by"] == REVIEWER["name"] and money["approved_by"] == ADMIN["name"], money
    assert str(c.claims["1,200"]) in by_id


def scenario_stored_script(c):
    """A stored <script> in an article title and body shows as text and opens no dialog."""
    r = c.reviewer
    r.get("/articles/new")
    # First prove that an open dialog would be seen (and dismiss it).
    r.d.execute_script("setTimeout(function () { window.alert('canary'); }, 0);")
    time.sleep(0.3)
    try:
        r.no_alert()
        raise RuntimeError("an alert opened on purpose was not detected")
    except AssertionError:
        pass
    r.fill("#title", XSS_TITLE)
    r.fill("#body", XSS_BODY)
    r.submit("form[action='/articles']")
    time.sleep(0.3)
    r.no_alert()
    m = re.match(r"/articles/(\d+)", r.path())
    assert m, r.path()
    article = int(m.group(1))
    h1 = r.el("h1")
    assert XSS in h1.text, h1.text
    assert not h1.find_elements(By.TAG_NAME, "script")
    assert XSS in r.text(".body-text") and "<img src=x onerror=alert(2)>" in r.text(".body-text")
    assert not r.els("main script, main img"), "markup from the article became elements"
    r.fill("#min_score", "0.3")
    r.submit(f"form[action='/articles/{article}/accept-above']")
    r.no_alert()
    links = [a.get_attribute("href") for a in r.els("table.candidates a[href^='/claims/']")
             if re.search(r"/claims/\d+$", a.get_attribute("href") or "")]
    pages = ["/articles", f"/claims?article={article}", "/claims"]
    if links:
        pages.append(links[0])
    for page in pages:
        r.get(page)
        time.sleep(0.2)
        r.no_alert()
    r.get("/articles")
    assert XSS_TITLE in r.text("table.data")


def scenario_keyboard(c):
    """Queue: j, j, Enter opens a claim; ? opens the help dialog; / focuses search; claim page keys."""
    a = c.admin
    a.get("/claims")
    rows = a.els("table.queue tbody tr[data-claim]")
    assert len(rows) >= 3, f"{len(rows)} rows"
    second = rows[1].get_attribute("data-claim")
    a.d.execute_script("document.activeElement && document.activeElement.blur && document.activeElement.blur();")
    actions = webdriver.ActionChains(a.d)
    actions.send_keys("j").send_keys("j").perform()
    focused = a.d.execute_script("var r = document.activeElement; return r && r.getAttribute('data-claim');")
    assert focused == second, f"j j focused row {focused}, expected {second}"
    old = a.d.find_element(By.TAG_NAME, "html")
    webdriver.ActionChains(a.d).send_keys(Keys.ENTER).perform()
    wait_replaced(a.d, old)
    a.ready()
    assert a.path() == f"/claims/{second}", a.path()
    # ? opens the help dialog, Escape closes it.
    webdriver.ActionChains(a.d).send_keys("?").perform()
    WebDriverWait(a.d, 5).until(lambda d: d.execute_script("return document.getElementById('shortcuts').open"))
    assert "Keyboard shortcuts" in a.text("#shortcuts h2")
    webdriver.ActionChains(a.d).send_keys(Keys.ESCAPE).perform()
    WebDriverWait(a.d, 5).until(lambda d: not d.execute_script("return document.getElementById('shortcuts').open"))
    # Claim page: c focuses the citation address, e opens the edit form, n goes to the next claim.
    webdriver.ActionChains(a.d).send_keys("c").perform()
    assert a.d.execute_script("return document.activeElement.id") == "citation-url"
    a.d.execute_script("document.activeElement.blur();")
    webdriver.ActionChains(a.d).send_keys("e").perform()
    assert a.d.execute_script("return document.getElementById('edit-details').open") is True
    assert a.d.execute_script("return document.activeElement.id") == "statement"
    a.d.execute_script("document.activeElement.blur();")
    nxt = a.els("#claim-nav a[rel='next']")
    if nxt:
        target = nxt[0].get_attribute("href")
        old = a.d.find_element(By.TAG_NAME, "html")
        webdriver.ActionChains(a.d).send_keys("n").perform()
        wait_replaced(a.d, old)
        a.ready()
        assert a.d.current_url == target, (a.d.current_url, target)
    # In a filtered queue (newest first), Enter opens the claim with the filter in its address and
    # n walks that same order.
    a.get("/claims?sort=newest")
    newest = [tr.get_attribute("data-claim") for tr in a.els("table.queue tbody tr[data-claim]")]
    assert len(newest) >= 3, newest
    a.d.execute_script("document.activeElement && document.activeElement.blur && document.activeElement.blur();")
    webdriver.ActionChains(a.d).send_keys("j").perform()
    old = a.d.find_element(By.TAG_NAME, "html")
    webdriver.ActionChains(a.d).send_keys(Keys.ENTER).perform()
    wait_replaced(a.d, old)
    a.ready()
    assert a.d.current_url.endswith(f"/claims/{newest[0]}?sort=newest"), a.d.current_url
    old = a.d.find_element(By.TAG_NAME, "html")
    webdriver.ActionChains(a.d).send_keys("n").perform()
    wait_replaced(a.d, old)
    a.ready()
    assert a.d.current_url.endswith(f"/claims/{newest[1]}?sort=newest"), a.d.current_url
    old = a.d.find_element(By.TAG_NAME, "html")
    webdriver.ActionChains(a.d).send_keys("p").perform()
    wait_replaced(a.d, old)
    a.ready()
    assert a.d.current_url.endswith(f"/claims/{newest[0]}?sort=newest"), a.d.current_url
    # k goes back up.
    a.get("/claims")
    first = a.els("table.queue tbody tr[data-claim]")[0].get_attribute("data-claim")
    webdriver.ActionChains(a.d).send_keys("j").send_keys("j").send_keys("k").perform()
    assert a.d.execute_script("return document.activeElement.getAttribute('data-claim');") == first
    # / focuses the search field of the queue; typing there does not trigger shortcuts.
    webdriver.ActionChains(a.d).send_keys("/").perform()
    assert a.d.execute_script("return document.activeElement.id") == "q"
    webdriver.ActionChains(a.d).send_keys("jj").perform()
    assert a.el("#q").get_attribute("value") == "jj"
    assert a.path() == "/claims"


def scenario_undo(c):
    """Undo without a correction: discard a claim as not check-worthy (out of the queue, under
    Discarded), restore it; restore the candidate rejected in triage."""
    a = c.admin
    # Claims no other scenario settled (the won amount is the dollar claim under another name).
    settled = {c.claims[s] for s in ("$80 million", "45%", "1,200")}
    spare = sorted(s for s in c.claims if c.claims[s] not in settled)
    assert spare, c.claims
    claim = c.claims[spare[0]]
    link = f"a[href^='/claims/{claim}']"
    a.get(f"/claims/{claim}")
    a.el("#discard-details summary").click()
    a.fill("#discard-reason", "A date in the dateline, nothing to check")
    a.submit("#discard-details form")
    assert a.path().startswith(f"/claims/{claim}"), a.path()
    assert "A date in the dateline" in a.text("#discarded"), a.text("main")
    a.get("/claims")
    assert not a.els(link), "a discarded claim is out of the queue"
    a.get("/claims?status=discarded")
    assert a.els(link), "and listed under Discarded"
    a.get(f"/claims/{claim}")
    a.submit("#discarded form", "Restore to unverified")
    assert not a.els("#discarded"), a.text("main")
    assert "Unverified" in a.text(".meta"), a.text(".meta")
    a.get("/claims")
    assert a.els(link), "restored, it is back in the queue"
    # Both steps are on the claim's record, the reason with the discard.
    a.get(f"/claims/{claim}")
    history = a.text("#history")
    assert "A date in the dateline" in history, history

    # The candidate rejected in triage comes back to pending.
    a.get(f"/articles/{c.article_id}")
    rejected = [x for x in candidate_rows(a) if x["state"].startswith("rejected")]
    assert rejected, "triage left a rejected candidate"
    row_id = rejected[0]["tr"].get_attribute("id")
    # In place, like rejecting: the row says so without a reload.
    a.el(f"#{row_id} form[action*='/restore'] button").click()
    WebDriverWait(a.d, WAIT, poll_frequency=0.1).until(
        lambda d: d.find_element(By.ID, row_id).find_elements(By.TAG_NAME, "td")[5].text.startswith("pending"))
    a.get(f"/articles/{c.article_id}")
    assert a.el(f"#{row_id}").find_elements(By.TAG_NAME, "td")[5].text.startswith("pending"), \
        a.el(f"#{row_id}").text


def scenario_axe_pages(c):
    """axe-core on the remaining pages: queue and claim page at 1440 and 375 px, dashboard,
    settings, account."""
    a = c.admin

    def check(path, label, widths=(1440,), who=None):
        b = who or a
        b.get(path)
        for w in widths:
            axe_at(b, label, w)

    # First prove that axe sees problems at all: plant two on a page, expect both reported.
    a.get("/claims")
    a.d.execute_script("""
        var img = document.createElement('img'); img.src = '/static/app.css'; img.id = 'axe-canary-img';
        var input = document.createElement('input'); input.id = 'axe-canary-input';
        document.getElementById('main').append(img, input);""")
    found = axe(a, "canary")
    if found is None:
        raise RuntimeError("axe reported nothing on a page with an unlabelled field and an image without alt")
    AXE_RESULTS.pop()
    AXE_FAILURES.pop()
    for rule in ("image-alt", "label"):
        assert f"] {rule}:" in found, f"axe missed the planted {rule} problem:\n{found}"

    check("/claims", "queue", (1440, 375))
    check(f"/claims/{c.money}", "claim page (published)", (1440, 375))
    check(f"/claims/{c.claims['1,200']}", "claim page (unverified, actions)", (1440, 375))
    check(f"/articles/{c.article_id}", "article page", (1440, 375))
    check("/dashboard", "dashboard", (1440, 375))
    check("/team/settings", "team settings", (1440, 375))
    check("/account", "account", (1440, 375))
    check("/team/members", "team members (admin)", (1440, 375))
    check("/articles", "articles list (admin)", (1440, 375))
    check("/articles/new", "new article (admin)")
    r = c.reviewer
    check(f"/claims/{c.claims['45%']}", "claim page (reviewer)", (1440, 375), who=r)
    check("/team/settings", "team settings (reviewer)", (1440, 375), who=r)
    check("/team/members", "team members (reviewer)", (1440, 375), who=r)
    check("/account", "account (reviewer)", (1440, 375), who=r)
    check("/dashboard", "dashboard (reviewer)", (375,), who=r)
    check("/inbox", "inbox (reviewer)", (1440, 375), who=r)
    check("/account/mail", "e-mail choices", (1440, 375), who=r)
    check("/account/two-factor", "two-factor set-up", (1440, 375), who=r)
    check("/team/outbox", "outbox (admin)", (1440, 375))

    # The previews that stand before a one-way action, reached the way a member reaches them.
    a.get("/team/members")
    member = next(e.get_attribute("href") for e in a.els("table a[href^='/team/members/']")
                  if e.text.strip() == REVIEWER["name"])
    check(member, "member page", (1440, 375))
    a.click_and_wait(a.el("#deactivate-link"))
    assert a.els("#confirm-deactivate"), a.text("main")
    for w in (1440, 375):
        axe_at(a, "deactivate preview", w)
    a.get("/team/settings")
    # A verdict no settled claim carries (retiring one that such a claim carries is refused).
    unused = [tr for tr in a.els("tr") if tr.find_elements(By.CSS_SELECTOR, "form[action$='/retire']")
              and tr.find_elements(By.TAG_NAME, "td")[-2].text.strip() == "0"]
    assert unused, "a verdict with no claims to retire"
    a.click_and_wait(unused[0].find_element(By.CSS_SELECTOR, "form[action$='/retire'] button"))
    assert a.els("#confirm-retire"), a.text("main")
    for w in (1440, 375):
        axe_at(a, "retire preview", w)
    claim = c.claims["1,200"]
    a.get(f"/claims/{claim}")
    a.fill("#citation-url", "https://stats.example.org/fleet/2026")
    a.fill("#citation-title", "Fleet statistics 2026")
    a.submit(f"form[action='/claims/{claim}/citations']")
    a.click_and_wait(a.el(f"ul.citations a[href^='/claims/{claim}/citations/'][href$='/delete']"))
    assert "Fleet statistics 2026" in a.text("main"), a.text("main")
    for w in (1440, 375):
        axe_at(a, "citation removal preview", w)

    # Signed out: asking for a reset link, and a reset link that is not (or no longer) valid.
    p = reader(c)
    check("/password/forgot", "forgotten password", (1440, 375), who=p)
    check("/password/reset/not-a-real-token", "reset link not valid", (1440, 375), who=p)


def scenario_a11y(c):
    """No serious or critical axe-core violation, and no sideways scrolling at 375 px, on any
    page checked by the scenarios above."""
    assert AXE_RESULTS, "no page was checked"
    if AXE_FAILURES:
        raise AssertionError("\n".join(AXE_FAILURES))


def scenario_screenshots(c):
    """docs/screenshots/{queue,claim,article,dashboard}.png, 1280 px wide."""
    a = c.admin
    a.get("/claims")
    a.screenshot("queue.png")
    a.get(f"/claims/{c.money}")
    a.screenshot("claim.png")
    a.get(f"/articles/{c.article_id}")
    a.screenshot("article.png")
    a.get("/dashboard")
    a.screenshot("dashboard.png")
    for name in ("queue", "claim", "article", "dashboard"):
        data = (SCREENSHOTS / f"{name}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == 1280, name


SCENARIOS = [
    ("first-run setup through the setup URL", scenario_setup, []),
    ("invite a reviewer and accept in the second browser", scenario_invite, ["setup"]),
    ("paste an article with numbers", scenario_article, ["invite"]),
    ("triage: accept all above 0.5, reject one", scenario_triage, ["article"]),
    ("assign a claim to me", scenario_assign, ["triage"]),
    ("add a citation", scenario_citation, ["assign"]),
    ("start review and propose a verdict (reviewer)", scenario_propose, ["citation"]),
    ("inbox: the verdict waits for the admin's approval; mark all read", scenario_inbox, ["propose"]),
    ("approve as another admin, then publish", scenario_approve, ["propose"]),
    ("public verdict page", scenario_public_verdict, ["approve"]),
    ("the published claim is settled: no edit form, the notice", scenario_settled, ["approve"]),
    ("reopen it as a correction: the public page stays with a notice", scenario_reopen, ["settled"]),
    ("correct it: propose, approve, publish; the record lists the correction", scenario_republish,
     ["reopen"]),
    ("stale tab gets the 409 page with what was typed", scenario_stale_tab, ["triage"]),
    ("export CSV with the browser's cookies", scenario_export_csv, ["approve"]),
    ("keyboard shortcuts: j j Enter, ?, /, c e n", scenario_keyboard, ["triage"]),
    # Before the <script> article comes in, so that the README's pictures show the walk-through.
    ("screenshots", scenario_screenshots, ["approve"]),
    ("stored <script> opens no dialog", scenario_stored_script, ["invite"]),
    ("undo: discard and restore a claim, restore a rejected candidate", scenario_undo, ["triage"]),
    ("visit the remaining pages at 1440 and 375 px with axe", scenario_axe_pages, ["approve"]),
    ("accessibility: no serious/critical axe finding, no sideways scroll at 375 px", scenario_a11y, []),
]


def failure_detail(e):
    """The message without WebDriver's native stack trace, and where in this file it happened."""
    message = getattr(e, "msg", None) or str(e) or type(e).__name__
    frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == __file__]
    where = f" (run.py line {frames[-1].lineno}: {frames[-1].line})" if frames else ""
    return f"{type(e).__name__}: {message}{where}"


def key_of(fn):
    return {
        scenario_setup: "setup", scenario_invite: "invite", scenario_article: "article",
        scenario_triage: "triage", scenario_assign: "assign", scenario_citation: "citation",
        scenario_propose: "propose", scenario_approve: "approve", scenario_settled: "settled",
        scenario_reopen: "reopen",
    }.get(fn, fn.__name__)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default="target/debug/claimdesk", help="the claimdesk binary")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, log)")
    parser.add_argument("--only", help="run scenarios whose name contains this text (and what they need)")
    args = parser.parse_args()

    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        sys.exit(f"error: {binary} is not an executable (build it with `cargo build`)")
    if not AXE_JS.exists():
        sys.exit(f"error: {AXE_JS} is missing: run `npm ci --prefix tests/e2e`")
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not os.access(tool, os.X_OK):
            sys.exit(f"error: {tool} is missing: apt-get install chromium chromium-driver")

    started = time.time()
    workdir = tempfile.mkdtemp(prefix="claimdesk-e2e-")
    c = Ctx()
    c.server = None
    c.workdir = workdir
    browsers = c.browsers = []
    results = []
    try:
        c.server = Server(binary, workdir)
        print(f"claimdesk at {c.server.base} (log: {workdir}/server.log)", flush=True)
        c.admin = Browser("admin", c.server.base, os.path.join(workdir, "profile-admin"))
        browsers.append(c.admin)
        c.reviewer = Browser("reviewer", c.server.base, os.path.join(workdir, "profile-reviewer"))
        browsers.append(c.reviewer)

        failed_keys = set()
        # --only: the walk-through up to publishing, the scenarios named, and what they need.
        wanted = {"setup", "invite", "article", "triage", "assign", "citation", "propose", "approve"}
        wanted |= {key_of(fn) for name, fn, _ in SCENARIOS if args.only and args.only in name}
        for name, fn, needs in reversed(SCENARIOS):
            if key_of(fn) in wanted:
                wanted |= set(needs)
        for name, fn, needs in SCENARIOS:
            key = key_of(fn)
            if args.only and key not in wanted:
                continue
            t0 = time.time()
            missing = [n for n in needs if n in failed_keys]
            if missing:
                ok, detail = False, f"not run: needs {', '.join(missing)}"
            else:
                try:
                    fn(c)
                    ok, detail = True, ""
                except Exception as e:  # noqa: BLE001 - every failure is reported, none stops the run
                    ok = False
                    detail = failure_detail(e)
                    for b in browsers:
                        try:
                            shot = os.path.join(workdir, f"fail-{key}-{b.name}.png")
                            b.d.save_screenshot(shot)
                        except Exception:
                            pass
            if not ok:
                failed_keys.add(key)
            results.append((name, ok))
            status = "PASS" if ok else "FAIL"
            print(f"{status}  {name}  ({time.time() - t0:.1f}s)", flush=True)
            if detail:
                print("      " + detail.replace("\n", "\n      "), flush=True)
    except Exception as e:  # noqa: BLE001
        results.append(("start the server and the browsers", False))
        print(f"FAIL  start the server and the browsers: {e}", flush=True)
    finally:
        for b in browsers:
            b.quit()
        if c.server:
            c.server.stop()

    minor = sum(1 for _, vs in AXE_RESULTS for v in vs if v.get("impact") not in ("serious", "critical"))
    print(f"axe: {len(AXE_RESULTS)} page checks, {len(AXE_FAILURES)} with serious/critical findings, "
          f"{minor} moderate/minor finding(s) not counted")
    print("      " + "; ".join(label for label, _ in AXE_RESULTS))
    for label, vs in AXE_RESULTS:
        for v in vs:
            if v.get("impact") not in ("serious", "critical"):
                print(f"      {label}: [{v.get('impact')}] {v['id']} ({len(v['nodes'])} node(s))")
    passed = sum(1 for _, ok in results if ok)
    failed = len(results) - passed
    if failed or args.keep:
        print(f"kept {workdir} (database, server.log, failure screenshots)")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"runtime {time.time() - started:.1f}s")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
