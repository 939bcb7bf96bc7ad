#!/usr/bin/env bash
# Keeps one comment on the pull request up to date: the product changes
# (prodspec diff from the merge base), the findings the pull request
# introduces and the role violations among them (from lint.sh's summary).
# The comment is found by a hidden marker among COMMENT_AUTHOR's comments
# and edited in place; another author's comment is never touched, even if
# it quotes the marker.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

marker='<!-- prodspec-action:pull-request-comment -->'
# GitHub refuses a comment over 65,536 characters; the tables stop short
# of this, leaving room for the rest.
max_chars=60000

dir=${INPUT_DIR:-.}
base=$(base_ref)
author=${COMMENT_AUTHOR:-github-actions[bot]}

# table ROWS ROOM prints a table of ROWS (job-summary rows), or "None.";
# rows past ROOM characters are counted, not shown.
table() {
  local rows=$1 room=$2 out left=0 row
  if [ -z "$rows" ]; then
    printf 'None.\n'
    return
  fi
  out=$'| Location | Severity | Rule | Message |\n|---|---|---|---|\n'
  while IFS= read -r row; do
    if [ $((${#out} + ${#row})) -gt "$room" ]; then
      left=$((left + 1))
      continue
    fi
    out+="$row"$'\n'
  done <<<"$rows"
  printf '%s' "$out"
  [ "$left" -gt 0 ] && printf '\n%d more not shown here; the job summary lists them.\n' "$left"
  return 0
}

# comment_body prints the whole comment.
comment_body() {
  local findings diff rows counts body
  findings=$(findings_file)
  diff=$(prodspec diff -C "$dir" "$base...HEAD")
  if [ ${#diff} -gt $((max_chars / 2)) ]; then
    diff=${diff:0:$((max_chars / 2))}
    diff="${diff%$'\n'*}"$'\n\n'"… and more: run \`prodspec diff $base...HEAD\` to see every change."
  fi
  counts=$(grep -E '^(\*\*|No findings)' "$findings" || true)
  rows=$(grep -E '^\| ' "$findings" | grep -v -E '^\| Location \| ' || true)
  body="$marker"$'\n'"$diff"$'\n\n### Findings this pull request introduces\n\n'
  [ -n "$counts" ] && body+="$counts"$'\n\n'
  body+=$(table "$(grep -v -F '| `role-violation` |' <<<"$rows" || true)" $((max_chars - ${#body})))
  body+=$'\n\n### Role violations\n\n'
  body+=$(table "$(grep -F '| `role-violation` |' <<<"$rows" || true)" $((max_chars - ${#body})))
  printf '%s\n' "$body"
}

# find_comment prints the id of the comment to edit: the first by author
# whose body holds the marker; nothing when there is none. gh prints one
# line per comment: id, author and the body as a JSON string (so on one
# line).
find_comment() {
  local list id login text
  list=$(gh api --paginate "repos/$REPOSITORY/issues/$PR_NUMBER/comments" \
    --jq '.[] | [(.id | tostring), .user.login, (.body | tojson)] | join("\t")')
  while IFS=$'\t' read -r id login text; do
    if [ "$login" = "$author" ] && [[ $text == *"$marker"* ]]; then
      printf '%s' "$id"
      return
    fi
  done <<<"$list"
}

file="$RUNNER_TEMP/prodspec-comment.md"
comment_body >"$file"
id=$(find_comment)
if [ -n "$id" ]; then
  gh api --method PATCH "repos/$REPOSITORY/issues/comments/$id" -F "body=@$file" >/dev/null
  echo "Updated the prodspec comment $id on pull request #$PR_NUMBER."
else
  gh api --method POST "repos/$REPOSITORY/issues/$PR_NUMBER/comments" -F "body=@$file" >/dev/null
  echo "Commented on pull request #$PR_NUMBER."
fi
