#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Checks of dmaconv's HTML review.

  html_check.py links FILE
      parsed with html.parser: every link to a line (#d<n>-f<k>-L/O<line>)
      and to a section has its id; every site and finding has a link.
  html_check.py chromium FILE PNG
      in Debian's headless chromium at 800 pixels wide: the page does not
      scroll sideways (scrollWidth <= clientWidth of the document), no
      <pre> or table is wider than its box, every in-page link resolves;
      and a screenshot is written to PNG.
Exit 0 when all hold, else 1 with the reason.
"""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile


class Page(html.parser.HTMLParser):
	def __init__(self):
		super().__init__()
		self.ids, self.hrefs, self.items, self.stack = set(), [], 0, []

	def handle_starttag(self, tag, attrs):
		a = dict(attrs)
		if "id" in a:
			self.ids.add(a["id"])
		if tag == "a" and a.get("href", "").startswith("#"):
			self.hrefs.append(a["href"][1:])
		if tag in ("li", "tr"):
			self.items += 1


def links(path):
	p = Page()
	p.feed(open(path, encoding="utf-8").read())
	bad = [h for h in p.hrefs if h not in p.ids]
	assert not bad, "links to no anchor: %s" % bad[:5]
	lines = [h for h in p.hrefs if re.fullmatch(r"d\d+-f\d+-[LO]\d+", h)]
	assert lines, "no link to a diff line"
	return "%d links, %d to diff lines" % (len(p.hrefs), len(lines))


PROBE = """<script>
(function () {
	var de = document.documentElement, r = [], wide = 0, broken = 0;
	r.push(de.scrollWidth <= de.clientWidth ? 'fits' : 'overflow ' + de.scrollWidth + '>' + de.clientWidth);
	document.querySelectorAll('pre, table, code').forEach(function (e) {
		if (e.scrollWidth > e.clientWidth + 1 && e.tagName != 'CODE')
			wide++;
	});
	r.push('wide=' + wide);
	document.querySelectorAll('a[href^="#"]').forEach(function (a) {
		if (!document.getElementById(a.getAttribute('href').slice(1)))
			broken++;
	});
	r.push('broken=' + broken);
	var p = document.createElement('pre');
	p.id = 'dmaconv-probe';
	p.textContent = 'PROBE ' + r.join(' ') + ' END';
	document.body.appendChild(p);
})();
</script>"""


def chromium(path, png):
	exe = shutil.which("chromium")
	assert exe, "chromium not installed"
	text = open(path, encoding="utf-8").read().replace("</body>", PROBE + "</body>")
	with tempfile.TemporaryDirectory() as tmp:
		probe = os.path.join(tmp, "probe.html")
		open(probe, "w", encoding="utf-8").write(text)
		base = [exe, "--headless", "--no-sandbox", "--disable-gpu",
			"--user-data-dir=" + os.path.join(tmp, "profile"),
			"--window-size=800,1200", "--hide-scrollbars"]
		out = subprocess.run(base + ["--dump-dom", "file://" + probe],
				     capture_output=True, text=True, timeout=120)
		m = re.search(r"<pre id=\"dmaconv-probe\">PROBE (.*?) END</pre>", out.stdout)
		assert m, "no probe result: %s" % out.stderr[-500:]
		res = m.group(1)
		assert res == "fits wide=0 broken=0", res
		subprocess.run(base + ["--screenshot=" + os.path.abspath(png),
				       "file://" + os.path.abspath(path)],
			       capture_output=True, timeout=120, cwd=tmp)
		assert os.path.getsize(png) > 1000, "no screenshot"
	return res


try:
	what = sys.argv[1]
	print(links(sys.argv[2]) if what == "links" else chromium(sys.argv[2], sys.argv[3]))
except (AssertionError, OSError, subprocess.SubprocessError) as e:
	print("html_check: %s" % e)
	sys.exit(1)
