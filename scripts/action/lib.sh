# Shared by the action's scripts (action.yml at the repository root), which
# source it. Everything comes from the environment that action.yml sets, so
# the scripts run the same on a runner and in scripts/action's tests.

# gh_escape escapes a workflow command's message: %, CR and LF.
gh_escape() {
  local s=${1//'%'/'%25'}
  s=${s//$'\r'/'%0D'}
  printf '%s' "${s//$'\n'/'%0A'}"
}

notice() { printf '::notice title=prodspec::%s\n' "$(gh_escape "$1")"; }
error() { printf '::error title=prodspec::%s\n' "$(gh_escape "$1")"; }

# set_output NAME VALUE makes a step output.
set_output() { printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; }

# token_can_write says whether the workflow's token may upload SARIF and
# comment. On a pull_request event it is read-only when the pull request
# comes from a fork, or from Dependabot; elsewhere (push, and
# pull_request_target, whose token can write) it is as the workflow's
# permissions say.
token_can_write() {
  [ "${EVENT_NAME:-}" = pull_request ] || return 0
  if [ -n "${HEAD_REPO:-}" ] && [ "$HEAD_REPO" != "${REPOSITORY:-}" ]; then
    return 1
  fi
  [ "${ACTOR:-}" != 'dependabot[bot]' ]
}

# base_ref prints the ref to compare with: the base input, else on a pull
# request its base branch as fetched from origin, else nothing.
base_ref() {
  if [ -n "${INPUT_BASE:-}" ]; then
    printf '%s' "$INPUT_BASE"
  elif [ -n "${BASE_REF:-}" ]; then
    printf 'origin/%s' "$BASE_REF"
  fi
}

# findings_file is where lint.sh keeps the markdown of the findings for
# comment.sh: the job summary prodspec wrote.
findings_file() { printf '%s/prodspec-findings.md' "$RUNNER_TEMP"; }
