#!/usr/bin/env bash
# Puts prodspec on the PATH for the action's next steps: built from the
# action's own source (ACTION_PATH; actions/setup-go ran before) when no
# version is asked for, so `uses: OWNER/prodspec@REF` works before any
# release; else that release's archive, checked against its checksums.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

bin="$RUNNER_TEMP/prodspec-bin"
mkdir -p "$bin"
exe=''
[ "${RUNNER_OS:-}" = Windows ] && exe=.exe
version=${INPUT_VERSION:-}

if [ -z "$version" ]; then
  ldflags=''
  # The action's ref names the source it was built from (v1, main, a hash).
  [ -n "${ACTION_REF:-}" ] && ldflags="-X github.com/prodspec/prodspec/internal/cli.stampVersion=$ACTION_REF"
  (cd "$ACTION_PATH" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$bin/prodspec$exe" ./cmd/prodspec)
else
  version=${version#v}
  case ${RUNNER_OS:-} in
  Linux) os=linux ext=tar.gz ;;
  macOS) os=darwin ext=tar.gz ;;
  Windows) os=windows ext=zip ;;
  *) error "no prodspec release for runner OS '${RUNNER_OS:-}'; leave version empty to build from source"; exit 1 ;;
  esac
  case ${RUNNER_ARCH:-} in
  X64) arch=amd64 ;;
  ARM64) arch=arm64 ;;
  *) error "no prodspec release for runner architecture '${RUNNER_ARCH:-}'; leave version empty to build from source"; exit 1 ;;
  esac
  # The archive's name is .goreleaser.yaml's archives.name_template.
  name="prodspec_${version}_${os}_${arch}.$ext"
  url="https://github.com/${ACTION_REPOSITORY:-prodspec/prodspec}/releases/download/v$version"
  tmp=$(mktemp -d)
  curl -fsSL --retry 3 -o "$tmp/$name" "$url/$name"
  curl -fsSL --retry 3 -o "$tmp/checksums.txt" "$url/checksums.txt"
  want=$(awk -v n="$name" '$2 == n { print $1 }' "$tmp/checksums.txt")
  if command -v sha256sum >/dev/null; then
    got=$(sha256sum "$tmp/$name" | cut -d' ' -f1)
  else
    got=$(shasum -a 256 "$tmp/$name" | cut -d' ' -f1)
  fi
  if [ -z "$want" ] || [ "$want" != "$got" ]; then
    error "$name: sha256 $got is not the one checksums.txt of v$version gives (${want:-none}); not installing it"
    exit 1
  fi
  if [ "$ext" = zip ]; then
    unzip -q -o "$tmp/$name" "prodspec$exe" -d "$bin"
  else
    tar -xzf "$tmp/$name" -C "$bin" "prodspec$exe"
  fi
  rm -rf "$tmp"
fi

echo "$bin" >>"$GITHUB_PATH"
"$bin/prodspec$exe" --version
