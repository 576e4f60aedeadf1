#!/usr/bin/env python3
"""Opens a ClaimDesk CSV export the way its users do: in Python's csv module and in LibreOffice
Calc (headless), and checks that every row and cell survives and that no formula-looking cell is run.

    python3 bench/csv_roundtrip.py [--bin target/release/claimdesk]

Needs `soffice` (Debian: libreoffice-calc-nogui) for the LibreOffice half; without it that half is
reported as skipped. Exit status 1 on any mismatch.
"""
import argparse
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile

TRICKY = [
    "=1+1 said the mayor, and 4,000 people cheered.",
    "+44 is the code; 12 lines were cut.",
    "-5 degrees froze 300 pipes.",
    "@SUM(A1:A9) appeared in 9 spam posts.",
    'He said "a","=1" and then 7 more words.',
    "Line one with 3 items\nline two with 5 items.",
    "Café owners in Zürich raised prices 12% — a 日本 report said 2 years later.",
]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, **kw)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default="target/release/claimdesk")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="claimdesk-csv-")
    failures = []
    try:
        db = os.path.join(work, "desk.db")
        env = dict(os.environ, DATABASE_URL=db, RUST_LOG="error")
        run([args.bin, "user", "add", "--email", "csv@example.org", "--name", "CSV", "--team", "CSV Desk",
             "--role", "reviewer", "--password-stdin"], input=b"granite violet harbor lamp\n", env=env)
        run([args.bin, "dev", "seed", "--claims", "200", "--team", "CSV Desk"], env=env)
        # Tricky wording on some claims and articles, written straight into the test database: the
        # export must carry them as single, inert cells.
        import sqlite3
        conn = sqlite3.connect(db)
        for i, text in enumerate(TRICKY):
            conn.execute("UPDATE claims SET statement = ? WHERE id = ?", (text, i + 1))
            conn.execute("UPDATE articles SET title = ? WHERE id = (SELECT article_id FROM claims WHERE id = ?)", (text, i + 1))
        conn.commit()
        conn.close()
        out = os.path.join(work, "export.csv")
        run([args.bin, "export", "--team", "CSV Desk", "--bom", "-o", out], env=env)
        raw = open(out, "rb").read()
        if not raw.startswith(b"\xef\xbb\xbf"):
            failures.append("no BOM")
        text = raw.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        header, body = rows[0], rows[1:]
        widths = {len(r) for r in rows}
        print(f"python csv: {len(body)} rows, {len(header)} columns, widths {sorted(widths)}")
        if widths != {28}:
            failures.append(f"rows of different widths: {sorted(widths)}")
        for text in TRICKY:
            if not any(r[2].lstrip("'") == text for r in body):
                failures.append(f"statement missing or altered: {text[:40]!r}")
        title = header.index("article_title")
        for r in body:
            for cell in (r[2], r[title]):
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\n", ";"):
                    failures.append(f"unguarded cell: {cell[:40]!r}")
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            print("libreoffice: skipped (soffice not installed)")
        else:
            profile = os.path.join(work, "profile")
            xlsx_dir = os.path.join(work, "xlsx")
            back_dir = os.path.join(work, "back")
            # CSV → xlsx (what a user's "open" does) → CSV again, UTF-8, comma-separated, all quoted.
            run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--infilter=CSV:44,34,76,1",
                 "--convert-to", "xlsx", "--outdir", xlsx_dir, out], timeout=180)
            xlsx = os.path.join(xlsx_dir, "export.xlsx")
            run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                 "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true", "--outdir", back_dir, xlsx],
                timeout=180)
            back = list(csv.reader(open(os.path.join(back_dir, "export.csv"), encoding="utf-8-sig", newline="")))
            print(f"libreoffice: {len(back) - 1} rows, {len(back[0])} columns after csv → xlsx → csv; first statement reads {back[1][2]!r}")
            if len(back) != len(rows):
                failures.append(f"LibreOffice read {len(back)} rows, expected {len(rows)}")
            for ours, theirs in zip(rows, back):
                if ours[2] != theirs[2] and not (ours[2].startswith("'") and ours[2][1:] == theirs[2]):
                    failures.append(f"statement changed in LibreOffice: {ours[2][:40]!r} → {theirs[2][:40]!r}")
                    break
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("FAILED:")
        for f in failures[:20]:
            print("  " + f)
        return 1
    print("csv round trip passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
