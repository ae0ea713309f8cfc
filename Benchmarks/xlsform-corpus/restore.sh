#!/usr/bin/env bash
# Restores the real-world XLSForm corpus listed in sources.tsv into forms/ (kept out of git: the forms belong to
# their repositories and their licences vary). Needs a local git copy of each listed repository:
#   Benchmarks/xlsform-corpus/restore.sh MIRROR_DIR
# where MIRROR_DIR/<owner>+<name>/repo is a clone (bare or not) of github.com/<owner>/<name> holding the listed
# commit, e.g. made with `git clone --mirror https://github.com/<owner>/<name> MIRROR_DIR/<owner>+<name>/repo`.
# Each file is checked against the SHA-256 in sources.tsv; missing repositories or files are listed, not fatal.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mirror=${1:?usage: restore.sh MIRROR_DIR}
mkdir -p "$here/forms"
restored=0 missing=0
while IFS=$'\t' read -r name repo commit path sha; do
    [[ "$name" == name ]] && continue
    git_dir="$mirror/${repo/\//+}/repo"
    [[ -d "$git_dir/.git" ]] && git_dir="$git_dir/.git"
    target="$here/forms/$name"
    if git --git-dir="$git_dir" show "$commit:$path" > "$target.part" 2>/dev/null \
        && [[ "$(sha256sum "$target.part" | cut -d' ' -f1)" == "$sha" ]]; then
        mv "$target.part" "$target"; restored=$((restored + 1))
    else
        rm -f "$target.part"; missing=$((missing + 1)); echo "missing: $repo $commit $path" >&2
    fi
done < "$here/sources.tsv"
echo "restored $restored forms into $here/forms ($missing missing)"
