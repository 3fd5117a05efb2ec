"""`make rsync_upload`: a complete build goes up; a second upload moves no file content."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

from conftest import CONTENT, REPO

TRANSFERRED = re.compile(r"Total transferred file size: ([\d,.]+) bytes")


def upload(tmp_path):
    server = tmp_path / "server"
    server.mkdir(exist_ok=True)
    variables = {
        "INPUTDIR": tmp_path / "content", "OUTPUTDIR": tmp_path / "output",
        "INDEXDIR": tmp_path / "search_index", "RELEASEDIR": tmp_path / ".releases",
        # A local destination: rsync runs the same transfer logic as over ssh.
        "RSYNC_DEST": server, "RSYNC_OPTS": "--stats",
    }
    result = subprocess.run(
        ["make", "--no-print-directory", "rsync_upload",
         *(f"{key}={value}" for key, value in variables.items())],
        cwd=REPO, capture_output=True, text=True, timeout=600,
        env={**os.environ, "SITEURL": "https://xaydungdang.example.vn", "COLUMNS": "250"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return server, [int(n.replace(",", "").replace(".", ""))
                    for n in TRANSFERRED.findall(result.stdout)]


def test_upload_is_complete_and_a_second_one_moves_nothing(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    server, first = upload(tmp_path)
    assert len(first) == 4 and first[0] > 0 and first[1] > 0
    assert (server / "output" / "index.html").is_file()
    assert (server / "output" / "feeds" / "all.atom.xml").is_file()
    current = server / "search_index" / "current"
    assert current.is_symlink() and (current.resolve() / "whoosh").is_dir()
    assert current.resolve().is_relative_to(server / "search_index")

    _, second = upload(tmp_path)
    assert second == [0, 0, 0, 0]
