#!/usr/bin/env bash
# Lints the spec for the action. Annotations (--format github) and the job
# summary show the findings the pull request introduces (with a base; all
# of them without), a SARIF log of every finding is written for code
# scanning when asked, and outputs tell the next steps what to do:
# failed (error findings, or warnings with strict), upload and sarif,
# comment. It exits 0 on findings, so that the upload and the comment
# still run and the action's last step fails the job; 2 or 3 when
# prodspec could not lint.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

dir=${INPUT_DIR:-.}
base=$(base_ref)
args=(lint -C "$dir")
[ -n "$base" ] && args+=(--base "$base")
[ "${INPUT_STRICT:-false}" = true ] && args+=(--strict)

# prodspec writes the summary to a file of its own, which the comment
# reuses, and which is then added to the job summary.
findings=$(findings_file)
: >"$findings"
status=0
GITHUB_STEP_SUMMARY=$findings prodspec "${args[@]}" --format github || status=$?
cat "$findings" >>"$GITHUB_STEP_SUMMARY"
case $status in
0) set_output failed false ;;
1) set_output failed true ;;
*) exit "$status" ;;
esac

upload=false comment=false
if token_can_write; then
  if [ "${INPUT_SARIF:-false}" = true ]; then
    # Every finding, not only the new ones: code scanning compares the
    # pull request's alerts with the base branch's itself, and would take
    # an old finding missing here for one the pull request fixed.
    sarif="$RUNNER_TEMP/prodspec.sarif"
    prodspec lint -C "$dir" --format sarif --output "$sarif" --force || [ $? -eq 1 ]
    set_output sarif "$sarif"
    upload=true
  fi
  [ "${INPUT_COMMENT:-true}" = true ] && [ -n "${PR_NUMBER:-}" ] && [ -n "$base" ] && comment=true
elif [ "${INPUT_SARIF:-false}" = true ] || [ "${INPUT_COMMENT:-true}" = true ]; then
  notice "This pull request's token is read-only (it comes from a fork or from Dependabot): no SARIF upload and no pull-request comment. The findings are in the annotations and the job summary, and errors still fail the job."
fi
set_output upload "$upload"
set_output comment "$comment"
