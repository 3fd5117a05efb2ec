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

HOST?=127.0.0.1
PORT?=8000

DEBUG ?= 0
ifeq ($(DEBUG), 1)
	PELICANOPTS += -D
endif

RELATIVE ?= 0
ifeq ($(RELATIVE), 1)
	PELICANOPTS += --relative-urls
endif

STAMP=$(VENV)/.installed

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
	@echo ''

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(STAMP)

html: $(STAMP)
	$(PELICAN) "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

clean:
	rm -rf "$(OUTPUTDIR)"
	rm -rf "$(INDEXDIR)" "$(RELEASEDIR)"

regenerate: $(STAMP)
	$(PELICAN) -r "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

serve: html
	$(BIN)/python -m search_index.devserver --root "$(OUTPUTDIR)" --index "$(INDEXDIR)" --host $(HOST) --port $(PORT)

serve-global:
	$(MAKE) serve HOST=0.0.0.0

devserver: $(STAMP)
	$(PELICAN) -r "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS) & \
	  trap 'kill $$!' EXIT; \
	  $(BIN)/python -m search_index.devserver --root "$(OUTPUTDIR)" --index "$(INDEXDIR)" --host $(HOST) --port $(PORT)

publish: $(STAMP)
	$(BIN)/python deploy/publish.py --content "$(INPUTDIR)" --output "$(OUTPUTDIR)" \
	  --index "$(INDEXDIR)" --settings "$(PUBLISHCONF)" --releases "$(RELEASEDIR)" -- $(PELICANOPTS)

# Uploads are of a complete publish build, so --delete is safe. The index goes up in
# three steps so the server's `current` link flips only once its generation is there.
ssh_upload: publish
	ssh -p $(SSH_PORT) $(SSH_USER)@$(SSH_HOST) 'mkdir -p $(SSH_TARGET_DIR)/output $(SSH_TARGET_DIR)/search_index'
	scp -P $(SSH_PORT) -r "$(OUTPUTDIR)"/* "$(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)/output/"
	tar -C "$(INDEXDIR)" -cf - generations | ssh -p $(SSH_PORT) $(SSH_USER)@$(SSH_HOST) 'tar -C $(SSH_TARGET_DIR)/search_index -xf -'
	tar -C "$(INDEXDIR)" -cf - current | ssh -p $(SSH_PORT) $(SSH_USER)@$(SSH_HOST) 'tar -C $(SSH_TARGET_DIR)/search_index -xf -'

RSYNC_DEST?=$(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)
RSYNC=rsync -e "ssh -p $(SSH_PORT)" -rlptzc $(RSYNC_OPTS)

rsync_upload: publish
	$(RSYNC) --delete "$(OUTPUTDIR)"/ "$(RSYNC_DEST)/output/"
	$(RSYNC) --exclude /current "$(INDEXDIR)"/ "$(RSYNC_DEST)/search_index/"
	$(RSYNC) "$(INDEXDIR)"/current "$(RSYNC_DEST)/search_index/"
	$(RSYNC) --delete "$(INDEXDIR)"/ "$(RSYNC_DEST)/search_index/"

system-deps:
	bash tests/system_deps.sh

test: $(STAMP) system-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(STAMP) system-deps
	$(BIN)/python -m bench.run --n $(or $(N),10000)

.PHONY: help venv html clean regenerate serve serve-global devserver publish ssh_upload rsync_upload system-deps test bench
