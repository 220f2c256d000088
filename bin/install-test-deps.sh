#!/usr/bin/env bash
# Installs the optional Debian packages the tests use (real Apertium back-translation, a real
# browser, SWORD Bible modules) when this runs as root with apt-get; otherwise says which are
# missing: the tests that need them skip themselves with a one-line reason.
# Sourced by bin/run-tests and .ci/run. Set CONTRAST4J_NO_INSTALL=1 to never install.
install_test_deps() {
  local need=() p
  for p in apertium apertium-eng-spa chromium diatheke sword-text-web sword-text-sparv; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
  done
  (( ${#need[@]} )) || return 0
  if [[ "${CONTRAST4J_NO_INSTALL:-}" != 1 && "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "run-tests: installing ${need[*]} (Debian)" >&2
    if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; then
      return 0
    fi
    echo "run-tests: could not install ${need[*]}; the tests that need them will be skipped" >&2
  else
    echo "run-tests: not installed: ${need[*]} (not root or CONTRAST4J_NO_INSTALL=1); the tests that need them will be skipped" >&2
  fi
}
