#!/usr/bin/env python3
"""Write about N MB of release-like prose to stdout (extraction benchmark input)."""
import sys

mb = float(sys.argv[1]) if len(sys.argv) > 1 else 5
paras = [
    "BAMAKO (6 August 2021) - The independent expert said at the end of an 11-day visit "
    "that violence was spreading across the centre of the country.",
    "The mission documented at least 43 extrajudicial, summary or arbitrary executions "
    "between 1 April and 30 June 2021, and 258 cases of abuses by militias in the first "
    "seven months of this year, 88 percent of the number reported in all of 2020.",
    "In the first six months of this year, the mission documented 435 abductions, five "
    "times as many as in all of 2019. More than 12,000 people fled their homes in Mopti.",
    "For media enquiries please contact the office on +41 22 917 9059. The Council will "
    "consider resolution 2100 at its 48th session in September 2021.",
]
target = int(mb * 1024 * 1024)
written = 0
i = 0
while written < target:
    p = paras[i % len(paras)] + "\n\n"
    sys.stdout.write(p)
    written += len(p.encode())
    i += 1
