"""Runs Debian's wapiti 3.0.4 with its URL-exclusion patterns fixed for Python 3.11.

wapiti 3.0.4 compiles every -x pattern with the inline flags "(?ms)" at the end of the regular
expression; Python 3.11 refuses that ("global flags not at the start of the expression"), so any
exclusion aborts the scan. This puts the flags first and otherwise runs wapiti's own entry point.
"""
import re
import sys

import wapitiCore.net.crawler as crawler


def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")


crawler.wildcard_translate = wildcard_translate

from wapitiCore.main.wapiti import wapiti_main  # noqa: E402

sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
