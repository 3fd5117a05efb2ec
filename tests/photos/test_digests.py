"""A rebuild reads no unchanged photo again: its hash is known by size and time."""

from __future__ import annotations

import os

import pytest
from photos import processing
from photos.settings import PhotoSettings

pytestmark = pytest.mark.unit


def test_an_unchanged_photo_is_not_read_again_and_a_changed_one_is(tmp_path):
    settings = PhotoSettings.from_settings({"CACHE_PATH": str(tmp_path / "cache")})
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(b"first bytes")
    processing.load_digests(settings)
    first = processing.content_digest(photo)
    processing.save_digests(settings, [photo])

    processing.load_digests(settings)  # the next build
    stamp = photo.stat()
    photo.write_bytes(b"other bytes")  # same size; the time put back: not read again
    os.utime(photo, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert processing.content_digest(photo) == first

    os.utime(photo, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1))  # saved again
    assert processing.content_digest(photo) != first


def test_a_deleted_photo_is_forgotten(tmp_path):
    settings = PhotoSettings.from_settings({"CACHE_PATH": str(tmp_path / "cache")})
    kept, gone = tmp_path / "a.jpg", tmp_path / "b.jpg"
    for path in (kept, gone):
        path.write_bytes(path.name.encode())
        processing.content_digest(path)
    processing.save_digests(settings, [kept])
    processing.load_digests(settings)
    assert set(processing.DIGESTS) == {str(kept)}
