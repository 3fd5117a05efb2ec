"""`make rsync_upload` and `make ssh_upload` to a server folder through OpenSSH's sshd
on 127.0.0.1: a complete build goes up, deletions follow it, the server's `current`
never points at an incomplete generation, and a second rsync upload moves no file
content."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import threading
from pathlib import Path

import pytest
from conftest import CONTENT, REPO

sys.path.insert(0, str(REPO / "deploy"))
from local_stack import local_sshd  # noqa: E402
from ssh_upload import remote_command  # noqa: E402

pytestmark = pytest.mark.e2e

LITERAL = re.compile(r"Literal data: ([\d,.]+) bytes")
DELETED = "guong-dien-hinh/bi-thu-chi-bo-cong-an-xa-gan-dan-sat-co-so"
EDITED = "tin-hoat-dong/khai-giang-lop-boi-duong-nhan-thuc-ve-dang-cho-quan-chung-uu-tu"


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    with local_sshd(tmp_path_factory.mktemp("sshd")) as server:
        yield server


def files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


class CurrentWatcher(threading.Thread):
    """Polls the server's search_index/current while uploads run: whenever it points at
    a generation, that generation has every file the local copy of it has."""

    def __init__(self, server_index: Path, local_index: Path):
        super().__init__(daemon=True)
        self.server, self.local = server_index, local_index
        self.expected: dict[str, set[str]] = {}
        self.problems: list[str] = []
        self.checks = 0
        self.seen = False
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.001):
            self.check()

    def check(self) -> None:
        current = self.server / "current"
        if not current.exists():  # through every link, as the search service reads it
            if self.seen:
                self.problems.append("current vanished")
            return
        name = Path(os.path.realpath(current)).name
        self.seen, self.checks = True, self.checks + 1
        if name not in self.expected:
            local = self.local / "generations" / name
            if not local.is_dir():
                self.problems.append(f"current -> {name}: not a generation built here")
                return
            self.expected[name] = files(local)
        missing = [f for f in self.expected[name]
                   if not (self.server / "generations" / name / f).exists()]
        if missing:
            self.problems.append(f"current -> {name} lacks {missing[:3]}")

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *_):
        self.done.set()
        self.join()


def make(target: str, root: Path, sshd) -> str:
    variables = {
        "INPUTDIR": root / "content", "OUTPUTDIR": root / "output",
        "INDEXDIR": root / "search_index", "RELEASEDIR": root / ".releases",
        "SSH_HOST": "127.0.0.1", "SSH_PORT": sshd.port, "SSH_USER": sshd.destination.split("@")[0],
        "SSH_OPTS": sshd.options, "SSH_TARGET_DIR": root / "server", "RSYNC_OPTS": "--stats",
    }
    result = subprocess.run(
        ["make", "--no-print-directory", target,
         *(f"{key}={value}" for key, value in variables.items())],
        cwd=REPO, capture_output=True, text=True, timeout=600,
        env={**os.environ, "SITEURL": "https://xaydungdang.example.vn", "COLUMNS": "250"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def literal_data(stdout: str) -> list[int]:
    return [int(n.replace(",", "").replace(".", "")) for n in LITERAL.findall(stdout)]


def current_manifest(index: Path) -> dict:
    return json.loads((index / "current" / "manifest.json").read_text(encoding="utf-8"))


def change_content(root: Path) -> None:
    (root / "content" / "articles" / f"{DELETED}.md").unlink()
    edited = root / "content" / "articles" / f"{EDITED}.md"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("\n\n", "\n\nĐoạn thêm sau khi tải lên.\n\n", 1),
                      encoding="utf-8")


@pytest.fixture
def root(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    (tmp_path / "server").mkdir()
    return tmp_path


def test_rsync_upload_is_complete_follows_deletions_and_a_second_one_moves_nothing(root,
                                                                                    sshd):
    server = root / "server"
    with CurrentWatcher(server / "search_index", root / "search_index") as watcher:
        first = literal_data(make("rsync_upload", root, sshd))
        assert len(first) == 4 and first[0] > 0 and first[1] > 0
        assert (server / "output" / "index.html").is_file()
        assert (server / "output" / "feeds" / "all.atom.xml").is_file()
        assert (server / "output" / "thong-ke" / "admissions.csv").is_file()
        current = server / "search_index" / "current"
        assert current.is_symlink() and current.resolve().is_relative_to(server / "search_index")
        home_mtime = (server / "output" / "index.html").stat().st_mtime_ns

        second = literal_data(make("rsync_upload", root, sshd))
        assert second == [0, 0, 0, 0]
        # publish kept the unchanged files' mtimes, so nginx's ETags on the server stay.
        assert (server / "output" / "index.html").stat().st_mtime_ns == home_mtime

        previous = current.resolve()
        change_content(root)
        third = literal_data(make("rsync_upload", root, sshd))
    assert watcher.problems == [] and watcher.checks > 100

    assert not (server / "output" / f"{DELETED}.html").exists()
    assert "Đoạn thêm sau khi tải lên." in (server / "output" / f"{EDITED}.html").read_text(
        encoding="utf-8")
    documents = current_manifest(server / "search_index")["documents"]
    assert f"{DELETED}.html" not in documents and f"{EDITED}.html" in documents
    assert not list((server / "output").rglob(".~tmp~"))  # --delay-updates cleaned up
    # -H: the new generation's unchanged segments are hard links to the previous
    # one's on the server too, and did not travel again.
    new = current.resolve()
    shared = [name for name in files(previous) if name.startswith("whoosh/")
              and (new / name).exists()
              and (new / name).stat().st_ino == (previous / name).stat().st_ino]
    assert shared
    shared_bytes = sum((new / name).stat().st_size for name in shared)
    assert 0 < third[1] <= sum((new / name).stat().st_size for name in files(new)) - shared_bytes
    assert sorted(p.name for p in (server / "search_index" / "generations").iterdir()) == \
        sorted([previous.name, new.name])

    edited = root / "content" / "articles" / f"{EDITED}.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMột đoạn nữa.\n", encoding="utf-8")
    make("rsync_upload", root, sshd)  # the oldest generation goes on both sides
    assert sorted(p.name for p in (server / "search_index" / "generations").iterdir()) == \
        sorted(p.name for p in (root / "search_index" / "generations").iterdir())
    assert not (server / "search_index" / "generations" / previous.name).exists()


def test_ssh_upload_swaps_whole_builds_in_and_refuses_a_cut_short_one(root, sshd):
    server = root / "server"
    make("rsync_upload", root, sshd)  # a server that rsync_upload set up first
    with CurrentWatcher(server / "search_index", root / "search_index") as watcher:
        make("ssh_upload", root, sshd)
        output = server / "output"
        assert output.is_symlink() and (output / "index.html").is_file()
        # one rename switches site and index: `current` reaches the upload's own link
        current = server / "search_index" / "current"
        assert os.readlink(current) == "../output/../index"
        assert current.resolve() == (output.resolve().parent / "index").resolve()
        assert current.resolve().parent == server / "search_index" / "generations"
        assert [p.name for p in (server / ".releases").iterdir() if "replaced" in p.name]

        # dot-files go up too (scp's `*` skipped them)
        extra = root / "output" / ".well-known" / "security.txt"
        extra.parent.mkdir()
        extra.write_text("Contact: mailto:webmaster@example.vn\n", encoding="utf-8")
        upload = [sys.executable, str(REPO / "deploy" / "ssh_upload.py"), "--ssh", sshd.ssh,
                  "--destination", sshd.destination, "--target", str(server),
                  "--output", str(root / "output"), "--index", str(root / "search_index")]
        assert subprocess.run(upload, capture_output=True).returncode == 0
        assert (output / ".well-known" / "security.txt").is_file()

        change_content(root)
        make("ssh_upload", root, sshd)
        make("ssh_upload", root, sshd)
    assert watcher.problems == [] and watcher.checks > 100
    assert not (output / f"{DELETED}.html").exists()
    assert not (output / ".well-known").exists()  # not in that build
    documents = current_manifest(server / "search_index")["documents"]
    assert f"{DELETED}.html" not in documents and f"{EDITED}.html" in documents
    assert len([p for p in (server / ".releases").iterdir() if p.is_dir()]) == 3
    assert len(list((server / "search_index" / "generations").iterdir())) <= 2

    # A stream cut short (the connection dropped): nothing changes, nothing is left.
    live, releases = output.resolve(), sorted((server / ".releases").iterdir())
    archive = root / "upload.tar"
    with tarfile.open(archive, "w") as tar:
        tar.add(root / "output", arcname="output")
    cut = archive.read_bytes()[: archive.stat().st_size // 2]
    command = [*sshd.ssh.split(), sshd.destination,
               remote_command(str(server), "20990101T000000-cutshort", "")]
    result = subprocess.run(command, input=cut, capture_output=True)
    assert result.returncode != 0
    assert output.resolve() == live
    assert sorted((server / ".releases").iterdir()) == releases
