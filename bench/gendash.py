#!/usr/bin/env python3
"""Fill a rightswatch state file (created by the binary, so its schema is
the code's) with a long history for the dashboard's benchmark: N releases
from one source, M figures spread over 5 countries x 12 indicators and
their periods (months, quarters, halves, years, stocks), and one alert
(with one delivery) for every 10th release.

usage: bench/gendash.py STATE.db [RELEASES [FIGURES]]
"""
import random
import sqlite3
import sys

COUNTRIES = ["Mali", "Niger", "Burkina Faso", "Chad", "Sudan"]
INDICATORS = ["killed", "extrajudicial_executions", "abductions", "sexual_violence",
              "arbitrary_detentions", "enforced_disappearances", "injured", "displaced",
              "refugees", "attacks", "violations", "torture"]
QUALIFIERS = ["exact", "exact", "exact", "at_least", "more_than", "approx", "at_most"]


def period(rng, year):
    kind = rng.randrange(5)
    if kind == 0:
        m = rng.randrange(1, 13)
        last = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return "%04d-%02d-01" % (year, m), "%04d-%02d-%02d" % (year, m, last)
    if kind == 1:
        q = rng.randrange(4)
        ends = ["03-31", "06-30", "09-30", "12-31"]
        return "%04d-%02d-01" % (year, 3 * q + 1), "%04d-%s" % (year, ends[q])
    if kind == 2:
        h = rng.randrange(2)
        return ("%04d-01-01" % year, "%04d-06-30" % year) if h == 0 else \
            ("%04d-07-01" % year, "%04d-12-31" % year)
    if kind == 3:
        return "%04d-01-01" % year, "%04d-12-31" % year
    return None, None  # a stock


def main():
    db = sys.argv[1]
    nrel = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    nfig = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
    rng = random.Random(13)
    con = sqlite3.connect(db)
    now = 1764000000
    con.execute("INSERT OR IGNORE INTO sources (name, url, health, last_poll, last_ok,"
                " next_due) VALUES ('releases', 'http://127.0.0.1:9/feed.rss', 'ok', ?, ?, ?)",
                (now, now, now + 3600))
    docs = []
    for i in range(nrel):
        year = 2005 + i * 20 // nrel
        date = "%04d-%02d-%02d" % (year, rng.randrange(1, 13), rng.randrange(1, 29))
        country = COUNTRIES[i % len(COUNTRIES)]
        url = "https://www.example.org/en/press-releases/%d/release-%d" % (year, i)
        cur = con.execute("INSERT INTO documents (url, title, date, lang, country,"
                          " latest_revision, first_seen, last_seen)"
                          " VALUES (?, ?, ?, 'en', ?, 1, ?, ?)",
                          (url, "%s: protection of civilians, note %d" % (country, i), date,
                           country, now - nrel + i, now - nrel + i))
        doc = cur.lastrowid
        con.execute("INSERT INTO revisions (doc_id, revision, hash, text, fetched_at)"
                    " VALUES (?, 1, ?, ?, ?)",
                    (doc, "%064x" % i, "A note on %s with its figures." % country, now))
        con.execute("INSERT INTO items (source, item_id, link, title, first_seen, last_seen,"
                    " doc_id, done) VALUES ('releases', ?, ?, ?, ?, ?, ?, 1)",
                    ("guid-%d" % i, url, "note %d" % i, now, now, doc))
        docs.append((doc, year, country, date))
    obs = []
    for k in range(nfig):
        doc, year, country, date = docs[k % nrel]
        start, end = period(rng, year - rng.randrange(2))
        obs.append((doc, INDICATORS[(k // nrel + k) % len(INDICATORS)], rng.randrange(1, 5000),
                    rng.choice(QUALIFIERS), start, end, country, "documented %d cases" % k,
                    "In the period, the division documented %d cases." % k, now))
    con.executemany("INSERT INTO observations (doc_id, revision, indicator, value, qualifier,"
                    " period_start, period_end, country, region, derived, evidence, sentence,"
                    " start, \"end\", extractor_version, created, first_revision)"
                    " VALUES (?, 1, ?, ?, ?, ?, ?, ?, NULL, 0, ?, ?, 0, 10, 'bench', ?, 1)", obs)
    for n, (doc, year, country, date) in enumerate(docs[::10]):
        cur = con.execute(
            "INSERT INTO alerts (fingerprint, rule, severity, country, indicator, period_start,"
            " period_end, value, qualifier, baseline_value, baseline_period_start,"
            " baseline_period_end, baseline_origin, ratio, doc_id, title, url, date, sentence,"
            " created, compare, factor, limit_value, threshold_period)"
            " VALUES (?, 'prior-year', 'critical', ?, 'abductions', ?, ?, ?, 'exact', 100, ?, ?,"
            " 'reported', 1.5, ?, 'note', 'https://www.example.org/', ?, 'a sentence', ?,"
            " 'prior_year_total', 1.0, 100, 'any')",
            ("prior-year|%s|abductions|%d" % (country, n), country, "%04d-01-01" % year,
             "%04d-06-30" % year, 150 + n, "%04d-01-01" % (year - 1), "%04d-12-31" % (year - 1),
             doc, date, now - 1000 + n))
        con.execute("INSERT INTO outbox (alert_id, destination, state, attempts, next_attempt,"
                    " delivered_at, created) VALUES (?, 'mail', 'delivered', 1, ?, ?, ?)",
                    (cur.lastrowid, now, now, now))
    con.commit()
    con.close()


if __name__ == "__main__":
    main()
