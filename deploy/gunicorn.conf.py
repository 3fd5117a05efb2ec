"""gunicorn settings for the search service (`search_index.service:application`).

Search is CPU-bound under the GIL, so it scales with processes: one worker per core
plus one. Each worker keeps its own searcher open and reopens it when the index link
changes, so a newly uploaded index is picked up without a restart.
"""

import multiprocessing
import os

bind = os.environ.get("SEARCH_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("SEARCH_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = 30
keepalive = 5
max_requests = 20000
max_requests_jitter = 2000
accesslog = os.environ.get("SEARCH_ACCESS_LOG")  # None: no access log
errorlog = "-"
proc_name = "xaydungdang-search"
# gunicorn >= 25.1 opens a control socket in $XDG_RUNTIME_DIR or ~/.gunicorn (shared by
# every instance of the user; read-only under systemd's ProtectSystem): not needed.
control_socket_disable = True
