"""`make publish`: only a clean build goes live, site and index together; failures,
signals and kills change nothing."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CONTENT, REPO, write_article
from processes import children, group_running, running, wait_until
from publishing import publish, snapshot

pytestmark = pytest.mark.e2e

NEW_ARTICLE = "tin-hoat-dong/moi.md"


def mtimes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns
            for p in sorted(folder.rglob("*")) if p.is_file()}


def live(site: Path) -> tuple[Path, Path]:
    """The release folder `output` points into and the generation `current` points at."""
    return (site / "output").resolve().parent, (site / "search_index" / "current").resolve()


def add_article(site: Path, word: str) -> None:
    (site / "content" / "articles" / NEW_ARTICLE).write_text(
        "Title: Bài mới\nSlug: moi\nDate: 2025-02-01 08:00\nCategory: Tin hoạt động\n"
        f"Author: Phòng Chính trị\nEditor: Minh Châu\n\nNội dung {word}.\n", encoding="utf-8")


def signalled(pid: int, number: int) -> bool:
    """Whether a process we stopped got signal `number`: pending, or it died of it (the
    kernel ends a stopped process at once for a signal whose default is to end it)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    if status.split("State:")[1].split()[0] in ("Z", "X"):
        return True
    return bool(int(status.split("ShdPnd:")[1].split()[0], 16) & 1 << (number - 1))


def stopped(pid: int) -> bool:
    """Every thread of `pid` has stopped. Until then a signal sent after SIGSTOP can be
    taken first (lower numbers are dequeued first): Python's handler would run and clear
    it, and the process stop with nothing pending."""
    try:
        states = [stat.read_text().rsplit(")", 1)[1].split()[0]
                  for stat in Path(f"/proc/{pid}/task").glob("*/stat")]
    except OSError:
        return False
    return bool(states) and all(state in ("T", "t") for state in states)


def building(site: Path, live_release: Path):
    """A condition: Pelican has written pages into the new release."""
    return lambda: any(path.parents[1] != live_release
                       for path in (site / ".releases").glob("*/output/*"))


def pelican_of(process: subprocess.Popen) -> int:
    """publish.py's child, once it runs Pelican (not a fork still on its way to exec)."""
    found: list[int] = []

    def started() -> bool:
        found[:] = [pid for pid in children(process.pid)
                    if b"pelican" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        return bool(found)
    assert wait_until(started, timeout=30)
    return found[0]


def assert_consistent(site: Path, before: tuple[Path, Path]) -> str:
    """Site and index both as before, or both the new release's; which one."""
    release, generation = live(site)
    if (release, generation) == before:
        return "old"
    assert release != before[0] and generation != before[1], (release, generation, before)
    record = json.loads((release / "search-index.json").read_text(encoding="utf-8"))
    assert Path(record["generation"]).resolve() == generation
    manifest = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))
    assert "tin-hoat-dong/moi.html" in manifest["documents"]
    assert (site / "output" / "tin-hoat-dong" / "moi.html").is_file()
    return "new"


@pytest.fixture
def site(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    result = publish(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path


def test_publish_makes_links_into_a_complete_release(site):
    link = site / "output"
    assert link.is_symlink()
    assert link.resolve().parent.parent == (site / ".releases").resolve()
    current = site / "search_index" / "current"
    assert current.is_symlink() and (current.resolve() / "whoosh").is_dir()
    assert (site / "output" / "index.html").is_file()
    assert (site / "output" / "404.html").is_file()
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert "http://127.0.0.1:8080/" in home  # SITEURL from the environment


def test_failed_publish_leaves_the_live_site_untouched(site):
    before = snapshot(site / "output")
    live = (site / "output").resolve()
    index = (site / "search_index" / "current").resolve()
    write_article(site / "content", "loi.md", Title="Bài lỗi", Editor=None)
    result = publish(site)
    assert result.returncode != 0
    assert "articles/loi.md:5: Biên tập: thiếu" in result.stdout + result.stderr
    assert (site / "output").resolve() == live
    assert (site / "search_index" / "current").resolve() == index
    assert snapshot(site / "output") == before
    assert sorted(p.name for p in (site / ".releases").iterdir() if p.is_dir()) == \
        [live.parent.name]


def test_killed_publish_leaves_the_live_site_untouched_and_takes_pelican_along(site):
    before = snapshot(site / "output")
    live_before = live(site)
    add_article(site, "Bịgiết")
    process = publish(site, wait=False)
    pelican = pelican_of(process)
    assert wait_until(building(site, live_before[0]))
    os.killpg(process.pid, signal.SIGKILL)  # publish.py's group: Pelican has its own
    process.wait()
    assert wait_until(lambda: not running(pelican), timeout=5), "Pelican outlived publish.py"
    time.sleep(2)  # a Pelican that outlived it would have finished the build by now
    assert not (site / ".releases" / ".search-index-swap.json").exists()
    assert live(site) == live_before
    assert snapshot(site / "output") == before
    result = publish(site)  # the next publish goes through and clears the leftovers
    assert result.returncode == 0, result.stderr
    assert assert_consistent(site, live_before) == "new"
    releases = sorted(p.name for p in (site / ".releases").iterdir() if p.is_dir())
    assert releases == [live_before[0].name, live(site)[0].name]  # the killed one is gone


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_during_the_build_stops_pelican_and_changes_nothing(site, number, tmp_path):
    live_before = live(site)
    generations = sorted((site / "search_index" / "generations").iterdir())
    add_article(site, "Dừnglại")
    process = publish(site, wait=False, log=tmp_path / "log")
    pelican = pelican_of(process)
    assert wait_until(building(site, live_before[0]))
    # Pelican frozen mid-build, so the signal is seen waiting for it, passed on.
    os.kill(pelican, signal.SIGSTOP)
    assert wait_until(lambda: stopped(pelican), timeout=5), "Pelican did not stop"
    os.kill(process.pid, number)  # publish.py alone, as systemd or a shell would
    assert wait_until(lambda: signalled(pelican, number), timeout=5), "not passed on to Pelican"
    with contextlib.suppress(ProcessLookupError):
        os.kill(pelican, signal.SIGCONT)
    assert process.wait(timeout=30) == 128 + number
    assert wait_until(lambda: not group_running(pelican), timeout=5), "Pelican left running"
    assert "Done: Processed" not in (tmp_path / "log").read_text(errors="replace")
    assert live(site) == live_before
    assert sorted(p.name for p in (site / ".releases").iterdir() if p.is_dir()) == \
        [live_before[0].name]
    assert not (site / ".releases" / ".search-index-swap.json").exists()
    # What the indexing child wrote never served; the next publish clears it (one it
    # left unfinished, without build.json, goes in the indexer's hourly clean-up).
    leftovers = set((site / "search_index" / "generations").iterdir()) - set(generations)
    assert publish(site).returncode == 0
    assert assert_consistent(site, live_before) == "new"
    assert not any((folder / "build.json").exists() for folder in leftovers)


def swap_moment(site: Path, live_before: tuple[Path, Path], moment: str):
    """A condition: publish.py has got to `moment` of its swaps."""
    releases = site / ".releases"
    return {
        "build finished": lambda: (releases / ".search-index-swap.json").exists(),
        "swap record moved": lambda: len(list(releases.glob("*/search-index.json"))) > 1,
        "site swapped": lambda: (site / "output").resolve().parent != live_before[0],
    }[moment]


@pytest.mark.parametrize("moment", ["build finished", "swap record moved", "site swapped"])
def test_sigterm_around_the_swaps_leaves_site_and_index_both_old_or_both_new(site, moment):
    """SIGTERM to publish.py at the end of the build, right before the swaps and between
    or right after them: the two links always agree."""
    live_before = live(site)
    add_article(site, "Đúnglúc")
    process = publish(site, wait=False)
    assert wait_until(swap_moment(site, live_before, moment), step=0)
    os.kill(process.pid, signal.SIGTERM)
    status = process.wait(timeout=30)
    outcome = assert_consistent(site, live_before)
    assert (status, outcome) in ((0, "new"), (128 + signal.SIGTERM, "old"))
    if moment == "site swapped":
        assert outcome == "new"  # the index swap went through with the signal held off


@pytest.mark.parametrize("moment", ["build finished", "swap record moved", "site swapped"])
def test_sigkill_around_the_swap_leaves_site_and_index_both_old_or_both_new(site, moment):
    """SIGKILL cannot be held off: what keeps site and index together is that one
    rename switches both (`current` reaches the index through `output`)."""
    live_before = live(site)
    add_article(site, "Giếtlúc")
    process = publish(site, wait=False)
    assert wait_until(swap_moment(site, live_before, moment), step=0)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert assert_consistent(site, live_before) in ("old", "new")
    if moment == "site swapped":
        assert assert_consistent(site, live_before) == "new"
    assert publish(site).returncode == 0  # the kernel let the lock go
    release, generation = live(site)
    assert release != live_before[0] and (release / "index").resolve() == generation


def test_current_reaches_the_index_through_the_site_link(site):
    """`current` is one fixed link; each release links its own generation; the
    generations kept are the live one and the one before it."""
    current = site / "search_index" / "current"
    assert os.readlink(current) == "../output/../index"
    served = [live(site)[1]]
    for word in ("một", "hai", "ba"):
        add_article(site, word)
        assert publish(site).returncode == 0
        release, generation = live(site)
        assert (release / "index").resolve() == generation != served[-1]
        assert os.readlink(current) == "../output/../index"
        served.append(generation)
    assert set((site / "search_index" / "generations").iterdir()) == set(served[-2:])


def test_an_index_from_before_the_fixed_link_keeps_serving_through_the_change(site):
    """An older publish left `current -> generations/<name>` and releases without an
    index link: the next publish links the live release first, so `current` never
    stops reaching a generation, then switches as usual."""
    release, generation = live(site)
    current = site / "search_index" / "current"
    (release / "index").unlink()
    current.unlink()
    current.symlink_to(os.path.relpath(generation, current.parent))
    add_article(site, "Chuyểnđổi")
    assert publish(site).returncode == 0
    assert (release / "index").resolve() == generation  # the release before, linked
    assert os.readlink(current) == "../output/../index"
    assert assert_consistent(site, (release, generation)) == "new"


def test_publish_is_byte_for_byte_reproducible(site):
    """Feeds and sitemap take their dates from the content, never the clock (README)."""
    first = snapshot(site / "output")
    time.sleep(1.1)
    result = publish(site)
    assert result.returncode == 0, result.stderr
    second = snapshot(site / "output")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_unchanged_files_keep_their_mtime_so_etags_stay(site):
    """nginx's ETag and Last-Modified come from size and mtime."""
    first, first_bytes = mtimes(site / "output"), snapshot(site / "output")
    assert publish(site).returncode == 0
    assert mtimes(site / "output") == first  # nothing changed: every mtime kept
    add_article(site, "Thờigian")
    assert publish(site).returncode == 0
    third, third_bytes = mtimes(site / "output"), snapshot(site / "output")
    changed = {name for name in first if third_bytes.get(name) != first_bytes[name]}
    assert "index.html" in changed  # the home page lists the new article
    assert any(name.startswith("images/") for name in set(first) - changed)
    for name in set(first) & set(third):
        assert (third[name] > first[name]) if name in changed else (third[name] == first[name])


def test_dev_build_after_publish_gets_its_own_folder(site):
    """`make html` after `make publish` leaves the live release alone; the next publish
    moves the dev build aside and prunes it like an earlier release."""
    release, _ = live(site)
    published = snapshot(release / "output")
    variables = {"INPUTDIR": site / "content", "OUTPUTDIR": site / "output",
                 "PELICANOPTS": f"-e CACHE_PATH='\"{site / 'cache'}\"'"}  # shell-quoted JSON
    result = subprocess.run(["make", "--no-print-directory", "html",
                             *(f"{key}={value}" for key, value in variables.items())],
                            cwd=REPO, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "COLUMNS": "250"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "output").is_dir() and not (site / "output").is_symlink()
    assert (site / "output" / "index.html").is_file()
    assert snapshot(release / "output") == published

    assert publish(site).returncode == 0
    replaced = [p for p in (site / ".releases").iterdir() if "-replaced-" in p.name]
    assert len(replaced) == 1 and (replaced[0] / "output" / "index.html").is_file()
    for _ in range(3):  # within a second or not: release names sort in time order
        assert publish(site).returncode == 0
    folders = [p for p in (site / ".releases").iterdir() if p.is_dir()]
    assert not replaced[0].exists() and len(folders) == 3


def make(target: str, site: Path, *extra: str, **env) -> subprocess.Popen:
    variables = [f"INPUTDIR={site / 'content'}", f"OUTPUTDIR={site / 'output'}",
                 f"INDEXDIR={site / 'search_index'}", f"RELEASEDIR={site / '.releases'}",
                 f"DEV_INDEXDIR={site / 'search_index-dev'}"]
    return subprocess.Popen(["make", "-s", target, *variables, *extra], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "SITEURL": "http://127.0.0.1:8080", **env})


def test_dev_builds_and_publishes_run_together_without_mixing(tmp_path):
    """10 rounds of `make html` and `make publish` started together: each publish goes
    live with its own index; a dev build never swaps the published index (it has its
    own folder) nor `output` under a publish (they take turns on the publish lock)."""
    site = tmp_path
    shutil.copytree(CONTENT / "pages", site / "content" / "pages")
    for number in range(3):
        write_article(site / "content", f"tin-hoat-dong/bai-{number}.md",
                      Title=f"Bài số {number}", Category="Tin hoạt động")
    first = make("publish", site)
    assert first.communicate(timeout=600) and first.returncode == 0
    for round_number in range(10):
        add_article(site, f"vong{round_number}")
        order = ("publish", "html") if round_number % 2 else ("html", "publish")
        processes = {target: make(target, site) for target in order}
        logs = {target: process.communicate(timeout=600)[0]
                for target, process in processes.items()}
        assert processes["html"].returncode == 0, logs["html"]
        assert processes["publish"].returncode == 0, logs["publish"]
        generation = (site / "search_index" / "current").resolve()
        site_data = json.loads((generation / "site.json").read_text(encoding="utf-8"))
        assert site_data["settings"]["SITEURL"] == "http://127.0.0.1:8080"  # never dev's
        newest = max((p for p in (site / ".releases").iterdir()  # not a dev folder moved aside
                      if (p / "was-live").exists() and (p / "search-index.json").exists()),
                     key=lambda p: p.name)
        page = newest / "output" / "tin-hoat-dong" / "moi.html"
        assert f"vong{round_number}" in page.read_text(encoding="utf-8")  # this round's
        record = json.loads((newest / "search-index.json").read_text(encoding="utf-8"))
        assert record["generation"] is None or Path(record["generation"]).resolve() == generation
        dev_index = (site / "search_index-dev" / "current").resolve()
        assert dev_index.is_dir() and dev_index != generation


def test_the_first_publish_over_a_real_folder_swaps_it_in_one_step(tmp_path):
    """renameat2(RENAME_EXCHANGE): the new link and the old folder trade places at once,
    so `output` exists at every moment."""
    sys.path.insert(0, str(REPO / "deploy"))
    import publish as publish_module

    (tmp_path / "a").mkdir()
    (tmp_path / "b").symlink_to("a")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "old.html").write_text("old")
    assert publish_module.exchange(tmp_path / "b", tmp_path / "c")
    assert (tmp_path / "c").is_symlink() and (tmp_path / "b" / "old.html").is_file()

    releases, release = tmp_path / ".releases", tmp_path / ".releases" / "r1" / "output"
    release.mkdir(parents=True)
    (release / "index.html").write_text("new")
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("dev build")
    publish_module.point(output, release, releases)
    assert output.is_symlink() and (output / "index.html").read_text() == "new"
    [replaced] = [p for p in releases.iterdir() if "-replaced-" in p.name]
    assert (replaced / "output" / "index.html").read_text() == "dev build"
    assert not list(tmp_path.glob(".output.*"))
