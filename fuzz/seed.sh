#!/usr/bin/env bash
# Seeds the fuzzers' corpora with the example conventions, the diagnostic fixtures and the avenant ones:
# every .ctg file as is, and each example project flattened into one file (its included files
# appended, since the fuzzers compile a single file and do not follow `inclure`).
#   fuzz/seed.sh            fills fuzz/corpus/<target>/ for every target (existing entries kept)
set -euo pipefail
cd "$(dirname "$0")"
root=..
targets=$(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^ctgc-fuzz$')
for t in $targets; do
  dir=corpus/$t
  mkdir -p "$dir"
  n=0
  while IFS= read -r -d '' f; do
    cp "$f" "$dir/seed-$(echo "$f" | sha1sum | cut -c1-12).ctg"
    n=$((n + 1))
  done < <(find "$root/conventions" "$root/tests/fixtures" "$root/tests/avenants" -name '*.ctg' -print0)
  for project in "$root"/conventions/*/; do
    name=$(basename "$project")
    {
      grep -v '^inclure ' "$project/convention.ctg"
      find "$project" -name '*.ctg' ! -path "$project/convention.ctg" -print0 | sort -z | xargs -0 cat
    } > "$dir/seed-projet-$name.ctg"
    n=$((n + 1))
  done
  echo "$dir : $n graines"
done
