# Pelican's quickstart targets, plus `test` and `bench`. Every target bootstraps
# .venv from pyproject.toml when it is missing or older than pyproject.toml.

PY?=python3
VENV=.venv
BIN=$(VENV)/bin
PELICAN?=$(BIN)/pelican
PELICANOPTS=

BASEDIR=$(CURDIR)
INPUTDIR=$(BASEDIR)/content
OUTPUTDIR=$(BASEDIR)/output
INDEXDIR=$(BASEDIR)/search_index
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
	@echo '   make html                        (re)generate the web site (reports content errors, builds the rest)'
	@echo '   make clean                       remove the generated files'
	@echo '   make regenerate                  regenerate files upon modification'
	@echo '   make publish                     generate using production settings; fails on any content error'
	@echo '   make serve [PORT=8000]           build, then serve site and search at http://$(HOST):$(PORT)'
	@echo '   make devserver [PORT=8000]       serve and regenerate together'
	@echo '   make ssh_upload                  upload the web site via SSH'
	@echo '   make rsync_upload                upload the web site via rsync+ssh'
	@echo '   make test                        run the whole test suite'
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

html: $(STAMP)
	@$(OWN_OUTPUT)
	$(PELICAN) "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

clean:
	rm -rf "$(OUTPUTDIR)"
	rm -rf "$(INDEXDIR)" "$(RELEASEDIR)"

regenerate: $(STAMP)
	@$(OWN_OUTPUT)
	$(PELICAN) -r "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

serve: html
	$(BIN)/python -m search_index.devserver --root "$(OUTPUTDIR)" --index "$(INDEXDIR)" --host $(HOST) --port $(PORT)

serve-global:
	$(MAKE) serve HOST=0.0.0.0

devserver: $(STAMP)
	@$(OWN_OUTPUT)
	$(PELICAN) -r "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS) & \
	  trap 'kill $$!' EXIT; \
	  $(BIN)/python -m search_index.devserver --root "$(OUTPUTDIR)" --index "$(INDEXDIR)" --host $(HOST) --port $(PORT)

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
# --chmod: nginx and the search service read what arrives, whatever the local umask.
RSYNC_DEST?=$(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)
RSYNC=rsync -e "$(SSH)" -rlptzcH --chmod=D755,F644 $(RSYNC_OPTS)

rsync_upload: publish
	$(RSYNC) --delete --delete-after --delay-updates "$(OUTPUTDIR)"/ "$(RSYNC_DEST)/output/"
	$(RSYNC) --exclude /current "$(INDEXDIR)"/ "$(RSYNC_DEST)/search_index/"
	$(RSYNC) "$(INDEXDIR)"/current "$(RSYNC_DEST)/search_index/"
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

bench: $(STAMP) system-deps
	$(BIN)/python -m bench.run --n $(or $(N),10000)

.PHONY: help venv server-venv html clean regenerate serve serve-global devserver publish ssh_upload rsync_upload system-deps test-tools test bench
