#!/usr/bin/env python3
"""Write a large RSS 2.0 feed of N generated items to stdout (benchmark input)."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
out = sys.stdout
out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
          '<title>Generated feed</title><link>http://127.0.0.1/</link>'
          '<description>benchmark</description>\n')
for i in range(n):
    out.write('<item><title>Release %d: figures on &amp; around the region</title>'
              '<link>http://127.0.0.1/releases/%d.html</link><guid>gen-%d</guid>'
              '<pubDate>Fri, 06 Aug 2021 10:%02d:00 GMT</pubDate>'
              '<description><![CDATA[<p>At least %d civilians were killed and %d others '
              'were injured in attacks between 1 April and 30 June 2021, the mission said. '
              'The <b>report</b> documents abuses in several regions, from January to June, '
              'and the cases it could not yet verify.</p>]]></description>'
              '<category>Mali</category></item>\n' % (i, i, i, i % 60, i % 500, i % 70))
out.write('</channel></rss>\n')
