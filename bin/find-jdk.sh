# Sourced by the scripts in bin/: find_jdk prints the home of a JDK >= 21 (JAVA_HOME first,
# then the Temurin 25 folder, then the newest under /usr/lib/jvm), or nothing.

java_feature() { # prints the feature version (e.g. 25) of a java binary, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -1
}

find_jdk() {
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64)
  for d in /usr/lib/jvm/*/; do candidates+=("${d%/}"); done
  local best="" best_v=0
  for home in "${candidates[@]}"; do
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || continue
    local v; v="$(java_feature "$home/bin/java")"
    [[ -n "$v" && "$v" -ge 21 ]] || continue
    # JAVA_HOME wins when it qualifies; otherwise take the newest.
    if [[ -n "${JAVA_HOME:-}" && "$home" == "$JAVA_HOME" ]]; then echo "$home"; return; fi
    if (( v > best_v )); then best="$home"; best_v=$v; fi
  done
  [[ -n "$best" ]] && echo "$best"
}

