# Pelican's quickstart targets, plus `test` and `bench`. Every target bootstraps
# .venv from pyproject.toml when it is missing or older than pyproject.toml.

PY?=python3
VENV=.venv
BIN=$(VENV)/bin
PELICAN?=$(BIN)/pelican
PELICANOPTS=
DEVOPTS=-e SEARCH_INDEX_PATH='"$(DEV_INDEXDIR)"'

BASEDIR=$(CURDIR)
INPUTDIR=$(BASEDIR)/content
OUTPUTDIR=$(BASEDIR)/output
INDEXDIR=$(BASEDIR)/search_index
# Development builds index into their own folder: `make publish` swaps generations into
# INDEXDIR, and a dev build there could put its own (dev URLs) live, or swap under it.
DEV_INDEXDIR=$(BASEDIR)/search_index-dev
RELEASEDIR=$(BASEDIR)/.releases
CONFFILE=$(BASEDIR)/pelicanconf.py
PUBLISHCONF=$(BASEDIR)/publishconf.py

SSH_HOST?=localhost
SSH_PORT?=22
SSH_USER?=root
SSH_TARGET_DIR?=/var/www/xaydungdang
SSH_OPTS?=
SSH=ssh -p $(SSH_PORT) $(SSH_OPTS)

HOST?=127.0.0.1
PORT?=8000
# The address development builds put in canonical links, the sitemap, robots.txt and the
# feeds (pelicanconf.py SITE_DEV_URL): the one `make serve`/`devserver` serve on.
DEV_SITEURL?=http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
export PORTAL_DEV_SITEURL=$(DEV_SITEURL)

DEBUG ?= 0
ifeq ($(DEBUG), 1)
	PELICANOPTS += -D
endif

RELATIVE ?= 0
ifeq ($(RELATIVE), 1)
	PELICANOPTS += --relative-urls
endif

STAMP=$(VENV)/.installed

# After `make publish`, output is a link into the live release: a development build
# gets a real folder of its own instead of writing into that release.
OWN_OUTPUT=if [ -L "$(OUTPUTDIR)" ]; then rm "$(OUTPUTDIR)" && mkdir "$(OUTPUTDIR)"; fi

help:
	@echo 'Makefile for the party-building news portal'
	@echo ''
	@echo 'Usage:'
	@echo '   make check [FILE=content/…md]    check the content against the editors'"'"' rules, without building'
	@echo '   make new TITLE="…" CATEGORY="…" [AUTHOR="…" EDITOR="…"]  start a new article'
	@echo '   make import SRC=… CATEGORY="…"   bring articles saved from an old portal in'
	@echo '   make html                        (re)generate the web site (reports content errors, builds the rest)'
	@echo '   make clean                       remove the generated files'
	@echo '   make regenerate                  regenerate files upon modification'
	@echo '   make publish                     generate using production settings; fails on any content error'
	@echo '   make serve [PORT=8000]           build, then serve site and search at http://$(HOST):$(PORT)'
	@echo '   make devserver [PORT=8000]       live preview: rebuild on save, the open tab reloads'
	@echo '   make ssh_upload                  upload the web site via SSH'
	@echo '   make rsync_upload                upload the web site via rsync+ssh'
	@echo '   make test                        run the whole test suite'
	@echo '   make test-fast                   the unit tests only (seconds)'
	@echo '   make test-latest                 the suite against the newest Pelican 4.x and whoosh3'
	@echo '   make bench [N=10000]             run the benchmarks'
	@echo '   make server-venv                 on the server: .venv with the runtime dependencies only'
	@echo ''

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(STAMP)

# The search service needs no test tools: the server installs the project alone.
server-venv:
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --upgrade .

# Under the publish lock: a publish running now finishes first (and one started now
# fails at once, "another publish is running"), so a dev build never swaps `output`
# under a publish.
html: $(STAMP)
	@mkdir -p "$(RELEASEDIR)"
	@flock "$(RELEASEDIR)/.lock" $(MAKE) --no-print-directory html-unlocked

html-unlocked:
	@$(OWN_OUTPUT)
	$(PELICAN) "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(DEVOPTS) $(PELICANOPTS)

# MESSAGES=en: the messages in English (for developers).
check: $(STAMP)
	@$(BIN)/python -m portal_content.check --settings "$(CONFFILE)" --content "$(INPUTDIR)" \
	  $(if $(filter en,$(MESSAGES)),--english) $(if $(FILE),"$(FILE)")

# TITLE, CATEGORY, AUTHOR and EDITOR reach the script through the environment, so quotes
# in a title need no escaping; only as given on make's command line (a shell's EDITOR
# names a text editor, not the article's editor).
given = $(if $(filter command line,$(origin $(1))),$($(1)))
new: export NEW_ARTICLE_TITLE = $(call given,TITLE)
new: export NEW_ARTICLE_CATEGORY = $(call given,CATEGORY)
new: export NEW_ARTICLE_AUTHOR = $(call given,AUTHOR)
new: export NEW_ARTICLE_EDITOR = $(call given,EDITOR)
new: $(STAMP)
	@$(BIN)/python -m portal_content.scaffold --settings "$(CONFFILE)" --content "$(INPUTDIR)"

# SRC: a saved page (.html, .htm, .txt) or a folder of them; CATEGORY: a declared section.
import: export IMPORT_CATEGORY = $(call given,CATEGORY)
import: $(STAMP)
	@$(BIN)/python -m portal_importer --settings "$(CONFFILE)" --content "$(INPUTDIR)" "$(SRC)"

clean:
	rm -rf "$(OUTPUTDIR)"
	rm -rf "$(INDEXDIR)" "$(DEV_INDEXDIR)" "$(RELEASEDIR)"

regenerate: $(STAMP)
	@$(OWN_OUTPUT)
	$(PELICAN) -r "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(DEVOPTS) $(PELICANOPTS)

serve: html
	$(BIN)/python -m search_index.devserver --root "$(OUTPUTDIR)" --index "$(DEV_INDEXDIR)" --host $(HOST) --port $(PORT)

serve-global:
	$(MAKE) serve HOST=0.0.0.0

# Builds first (a fresh clone needs nothing else), then rebuilds on each save, the saved
# article first, and reloads the open tab (plugins/live_preview). ACCESS_LOG=1 logs requests.
devserver: $(STAMP)
	@$(OWN_OUTPUT)
	@mkdir -p "$(RELEASEDIR)"
	exec $(BIN)/python -m live_preview --settings "$(CONFFILE)" --content "$(INPUTDIR)" \
	  --output "$(OUTPUTDIR)" --index "$(DEV_INDEXDIR)" --theme "$(BASEDIR)/theme" \
	  --state "$(BASEDIR)/cache/live-preview.json" --lock "$(RELEASEDIR)/.lock" \
	  --host $(HOST) --port $(PORT)

publish: $(STAMP)
	$(BIN)/python deploy/publish.py --content "$(INPUTDIR)" --output "$(OUTPUTDIR)" \
	  --index "$(INDEXDIR)" --settings "$(PUBLISHCONF)" --releases "$(RELEASEDIR)" -- $(PELICANOPTS)

# The no-rsync fallback: the whole build goes up as one tar stream into a fresh folder
# on the server, then deploy/receive_upload.sh swaps site and index in (one rename
# each) and prunes. Sends everything every time; rsync_upload sends only changes.
ssh_upload: publish
	$(BIN)/python deploy/ssh_upload.py --ssh "$(SSH)" --destination "$(SSH_USER)@$(SSH_HOST)" \
	  --target "$(SSH_TARGET_DIR)" --output "$(OUTPUTDIR)" --index "$(INDEXDIR)"

# Uploads are of a complete publish build, so --delete is safe (it also removes files
# put by hand into the server's output/). The site's new files are renamed into place
# together at the end (--delay-updates), deletions after. -H keeps index generations
# hard-linked, so only changed segments travel. The index goes up in three steps so
# the server's `current` link flips only once its generation is there: generations,
# then `current`, then deleting old generations (nothing else is compared again).
# `current` goes up as a plain link to its generation: the local one reaches it through
# the release `output` points at (deploy/publish.py), which rsync does not recreate.
# --chmod: nginx and the search service read what arrives, whatever the local umask.
RSYNC_DEST?=$(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)
RSYNC=rsync -e "$(SSH)" -rlptzcH --chmod=D755,F644 $(RSYNC_OPTS)

rsync_upload: publish
	$(RSYNC) --delete --delete-after --delay-updates "$(OUTPUTDIR)"/ "$(RSYNC_DEST)/output/"
	$(RSYNC) --exclude /current "$(INDEXDIR)"/ "$(RSYNC_DEST)/search_index/"
	@link=$$(mktemp -d) && trap 'rm -rf "$$link"' EXIT && \
	  ln -s "generations/$$(basename "$$(readlink -e "$(INDEXDIR)/current")")" "$$link/current" && \
	  $(RSYNC) "$$link/current" "$(RSYNC_DEST)/search_index/"
	$(RSYNC) --delete --existing --ignore-existing "$(INDEXDIR)"/ "$(RSYNC_DEST)/search_index/"

system-deps:
	bash tests/system_deps.sh

# The checkers the standards tests run (tests/npm/package.json, exact pins in its
# lock file): vnu-jar (the Nu HTML Checker, on Debian's Java) and axe-core. Install
# scripts are off: vnu-jar's would download a Java runtime.
NPM_TOOLS=tests/npm/node_modules/.package-lock.json
$(NPM_TOOLS): tests/npm/package.json tests/npm/package-lock.json
	npm ci --prefix tests/npm --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

test-tools: system-deps $(NPM_TOOLS)

test: $(STAMP) system-deps test-tools
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# The unit tests alone (no Pelican build, no server, no browser): seconds.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m unit -q

# The whole suite against the newest Pelican 4.x and whoosh3 the registry has, in a venv
# of its own (not CI): what an upgrade would break, before pyproject.toml allows it.
LATEST_VENV=.venv-latest
test-latest: system-deps test-tools
	test -x $(LATEST_VENV)/bin/python || $(PY) -m venv $(LATEST_VENV)
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST_VENV)/bin/python -m pip install --quiet -e '.[test]'
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade 'pelican>=4.12,<5' whoosh3
	touch $(LATEST_VENV)/.installed
	@$(LATEST_VENV)/bin/python -c "from importlib.metadata import version as v; \
	  print('test-latest: pelican', v('pelican'), 'whoosh3', v('whoosh3'))"
	$(LATEST_VENV)/bin/python -m pytest -q -rf || { echo "test-latest: the failures above \
	  are what these versions break"; exit 1; }

bench: $(STAMP) system-deps
	$(BIN)/python -m bench.run --n $(or $(N),10000)

.PHONY: help venv server-venv check new import html html-unlocked clean regenerate serve serve-global devserver publish ssh_upload rsync_upload system-deps test-tools test test-fast test-latest bench
