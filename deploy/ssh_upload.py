"""`make ssh_upload`: the whole build up as one tar stream, swapped in on the server.

For servers without rsync. The site (`output/`, dot-files included) and the current
index generation are streamed over ssh into deploy/receive_upload.sh, which unpacks
them into a fresh folder and, only once the stream arrived whole (its last member is
`complete`), swaps TARGET/output and TARGET/search_index/current in with one rename
each, then prunes. Every upload sends everything: prefer rsync_upload.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shlex
import subprocess
import sys
import tarfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECEIVER = HERE / "receive_upload.sh"


def current_generation(index: Path) -> Path | None:
    link = index / "current"
    return link.resolve() if link.is_symlink() else None


def remote_command(target: str, upload: str, generation: str) -> str:
    """The command line ssh hands to the server's shell (POSIX-quoted)."""
    script = RECEIVER.read_text(encoding="utf-8")
    return shlex.join(["sh", "-c", script, "receive_upload", target, upload, generation])


def readable(member: tarfile.TarInfo) -> tarfile.TarInfo:
    """nginx and the search service read what arrives, whatever the local umask."""
    if member.isdir():
        member.mode = 0o755
    elif member.isfile():
        member.mode = 0o644
    member.uid = member.gid = 0
    member.uname = member.gname = ""
    return member


def stream(archive_to, site: Path, generation: Path | None) -> None:
    with tarfile.open(fileobj=archive_to, mode="w|", format=tarfile.PAX_FORMAT) as archive:
        archive.add(site, arcname="output", filter=readable)
        if generation is not None:
            archive.add(generation, arcname=f"generation/{generation.name}", filter=readable)
        marker = tarfile.TarInfo("complete")
        marker.mtime = int(time.time())
        archive.addfile(marker, io.BytesIO(b""))


def upload(ssh: str, destination: str, target: str, output: Path, index: Path) -> int:
    site = output.resolve()
    if not (site / "index.html").is_file():
        print(f"ssh_upload: {output} holds no built site (index.html); run make publish",
              file=sys.stderr)
        return 1
    generation = current_generation(index)
    upload_id = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + uuid.uuid4().hex[:8]
    command = [*shlex.split(ssh), destination,
               remote_command(target, upload_id, generation.name if generation else "")]
    process = subprocess.Popen(command, stdin=subprocess.PIPE)
    # The server may stop reading (a full disk, a bad name): its exit status says why.
    with contextlib.suppress(BrokenPipeError), process.stdin as pipe:
        stream(pipe, site, generation)
    if process.wait() != 0:
        print(f"ssh_upload: the upload failed (exit {process.returncode}); "
              "the server's live site is unchanged", file=sys.stderr)
    return process.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ssh", default="ssh", help="the ssh command, with its options")
    parser.add_argument("--destination", required=True, help="user@host")
    parser.add_argument("--target", required=True, help="the folder holding output/ on the server")
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--index", type=Path, default=Path("search_index"))
    args = parser.parse_args(argv)
    return upload(args.ssh, args.destination, args.target, args.output, args.index)


if __name__ == "__main__":
    sys.exit(main())
