#!/usr/bin/env bash
# Installs what the image lacks, idempotently: a Python venv with pyxform (it carries ODK Validate,
# the JavaRosa validator the tests run every XForm through), Java for it, R with survey and sampling, Node
# (the WHATWG URL parser the redirect tests compare with), PSPP (reads the .sav files Sanarip writes) and
# zbar-tools (decodes its QR codes) and chromium with chromium-driver (the browser the page tests drive).
# Usage: scripts/setup.sh            (everything the tests need)
#        scripts/setup.sh --serve    (only what the workbench needs to run)
set -euo pipefail
mode=${1:-test}
root=$(cd "$(dirname "$0")/.." && pwd)
venv="${SANARIP_VENV:-$root/.venv}"

if ! [ -e /usr/include/sqlite3.h ]; then
  echo "setup: installing SQLite headers (for GRDB)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libsqlite3-dev sqlite3 >/dev/null
fi
# libxml2's headers and pkg-config file: the web audit parses HTML with it (CSanaripHTML).
if ! [ -e /usr/include/libxml2/libxml/HTMLparser.h ] || ! pkg-config --exists libxml-2.0 2>/dev/null; then
  echo "setup: installing libxml2 headers (HTML parser for the web audit)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libxml2-dev pkg-config >/dev/null
fi
# openssl: the web audit's HTTPS tests make their own CA and certificates with it.
if ! command -v openssl >/dev/null 2>&1; then
  echo "setup: installing openssl (certificates for the HTTPS tests)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssl >/dev/null
fi
if [ "$mode" = "--serve" ]; then
  echo "setup: ok (sqlite, libxml2)"
  exit 0
fi

have_java() { command -v java >/dev/null 2>&1 && java -version 2>&1 | grep -qE 'version "(1[7-9]|2[0-9])'; }
if ! have_java; then
  echo "setup: installing Java 17 (for ODK Validate)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
# R with survey and sampling: the reference the statistics tests compare with.
if ! Rscript -e 'library(survey); library(sampling)' >/dev/null 2>&1; then
  echo "setup: installing R with the survey and sampling packages (statistics reference)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    r-base-core r-cran-survey r-cran-sampling r-cran-data.table >/dev/null
fi
# Node: its WHATWG URL parser is the browser reference the sign-in redirect tests compare with.
if ! command -v node >/dev/null 2>&1; then
  echo "setup: installing Node.js (WHATWG URL reference for the redirect tests)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs >/dev/null
fi
# PSPP reads the SPSS .sav files Sanarip writes; zbarimg decodes the QR codes it draws (interchange tests).
if ! command -v pspp >/dev/null 2>&1 || ! command -v pspp-convert >/dev/null 2>&1; then
  echo "setup: installing PSPP (the .sav reference reader)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pspp >/dev/null
fi
if ! command -v zbarimg >/dev/null 2>&1; then
  echo "setup: installing zbar-tools (the QR code reference decoder)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends zbar-tools >/dev/null
fi
# Chromium with its WebDriver: the real browser the server's page tests drive (review, fieldwork, browser entry).
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "setup: installing chromium and chromium-driver (browser tests)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi
if ! [ -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pyxform' 2>/dev/null; then
  echo "setup: creating $venv with pyxform (ODK Validate)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check 'pyxform==4.5.0'
fi
# Focus groups: xmllint checks .qdpx projects against the REFI-QDA schema; PyPI krippendorff is the agreement reference.
if ! command -v xmllint >/dev/null 2>&1; then
  echo "setup: installing libxml2-utils (xmllint, REFI-QDA schema checks)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libxml2-utils >/dev/null
fi
if ! "$venv/bin/python" -c 'import krippendorff' 2>/dev/null; then
  echo "setup: installing krippendorff into $venv (Krippendorff's alpha reference)"
  "$venv/bin/pip" install -q --disable-pip-version-check 'krippendorff==0.8.1'
fi
# Media narratives: PyPI feedparser is the reference the feed reader is compared with (RSS, Atom, RDF, charsets).
if ! "$venv/bin/python" -c 'import feedparser' 2>/dev/null; then
  echo "setup: installing feedparser into $venv (feed parsing reference)"
  "$venv/bin/pip" install -q --disable-pip-version-check 'feedparser==6.0.11'
fi
# Media narratives: PyPI trafilatura is the reference the article extractor (boilerplate removal) is compared with.
if ! "$venv/bin/python" -c 'import trafilatura, lxml_html_clean' 2>/dev/null; then
  echo "setup: installing trafilatura into $venv (main-text extraction reference)"
  "$venv/bin/pip" install -q --disable-pip-version-check 'trafilatura==2.3.1' 'lxml_html_clean==0.4.3'
fi
echo "setup: ok (java, sqlite, node, R survey/sampling, pspp, zbarimg, chromium, xmllint, pyxform, krippendorff, feedparser and trafilatura in $venv)"
