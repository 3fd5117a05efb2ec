#!/bin/sh
# Server side of `make ssh_upload`: deploy/ssh_upload.py runs this script over ssh with
# the upload as a tar stream on stdin (output/, generation/<name>/, then `complete`).
#
#   receive_upload.sh TARGET UPLOAD_ID GENERATION     (GENERATION empty: no index)
#
# The stream is unpacked into TARGET/.releases/UPLOAD_ID; only when it arrived whole
# does TARGET/output (a symlink into that folder) change, in one rename that switches
# the site and its search index together, as deploy/publish.py does: each upload folder
# links its own generation (`index`), and TARGET/search_index/current is the fixed link
# ../output/../index. Then earlier uploads are pruned: the last KEEP stay, and the
# index generations current and previous.
# Needs POSIX sh, GNU tar, coreutils (mv -T) and util-linux (flock): Debian/Ubuntu.
set -eu
umask 022
target=$1 upload=$2 generation=$3
KEEP=3
releases="$target/.releases"
index="$target/search_index"
stage="$releases/$upload"

fail() { echo "receive_upload: $*" >&2; exit 1; }
[ -n "$upload" ] || fail "no upload id"
for name in "$upload" "$generation"; do
  case $name in .*|*/*|*[!A-Za-z0-9._-]*) fail "not a plain folder name: '$name'" ;; esac
done

mkdir -p "$releases" "$index/generations"
exec 9>"$releases/.lock"
flock -n 9 || fail "another upload into $target is running"

rm -f "$target"/.output.* "$index"/.current.*  # links a killed upload left
mkdir "$stage"
live=0
trap '[ "$live" = 1 ] || rm -rf "$stage"' EXIT
trap 'exit 1' HUP INT TERM PIPE
tar -C "$stage" --no-same-owner -xf -
[ -f "$stage/complete" ] || fail "the upload was cut short; the live site is unchanged"

# A generation folder is only ever renamed in whole. One of that name that is not
# current may be a partial copy (e.g. an interrupted rsync): replace it.
previous=$(readlink -e "$index/current" || true)
previous=${previous##*/}
if [ -n "$generation" ] && [ "$generation" != "$previous" ]; then
  if [ -e "$index/generations/$generation" ]; then
    mv "$index/generations/$generation" "$stage/replaced-generation"
  fi
  mv "$stage/generation/$generation" "$index/generations/$generation"
fi
rm -rf "$stage/generation" "$stage/replaced-generation"

indexed=${generation:-$previous}
[ -z "$indexed" ] || ln -s "../../search_index/generations/$indexed" "$stage/index"
through=../output/../index
follow_the_site() {
  ln -s "$through" "$index/.current.$upload"
  mv -T "$index/.current.$upload" "$index/current"
}
# `current` from before the fixed link (or an rsync_upload's): the live upload gets a
# link to the generation serving now, then `current` reaches it through the site.
if [ "$(readlink "$index/current" || true)" != "$through" ] && [ -L "$target/output" ] \
    && [ -e "$target/output" ]; then
  serving=$(dirname "$(readlink -e "$target/output")")
  [ -z "$previous" ] || ln -sfn "../../search_index/generations/$previous" "$serving/index"
  follow_the_site
fi

# The first upload over a real output/ (an rsync_upload's) moves it aside; `current`
# follows the site once the new link is in.
if [ -d "$target/output" ] && [ ! -L "$target/output" ]; then
  mkdir "$releases/$upload-replaced"
  mv "$target/output" "$releases/$upload-replaced/output"
  touch "$releases/$upload-replaced/complete"
fi
ln -s ".releases/$upload/output" "$target/.output.$upload"
mv -T "$target/.output.$upload" "$target/output"  # site and index, at once
live=1
[ "$(readlink "$index/current" || true)" = "$through" ] || follow_the_site

# Prune: newest first, the live upload and KEEP-1 earlier complete ones stay.
kept=1
for folder in $(ls -1 "$releases" | sort -r); do
  [ "$folder" = "$upload" ] && continue
  if [ -f "$releases/$folder/complete" ] && [ "$kept" -lt "$KEEP" ]; then
    kept=$((kept + 1))
  else
    rm -rf "${releases:?}/$folder"
  fi
done
for folder in $(ls -1 "$index/generations"); do
  case $folder in "$generation"|"$previous") ;; *) rm -rf "${index:?}/generations/$folder" ;; esac
done
# With no new generation, `current` did not move: keep it, whatever its name.
echo "receive_upload: $upload is live"
