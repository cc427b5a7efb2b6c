# Shared by ./local/run, ./local/test and .ci/run: find JDK 25 and a Python that has moto server.
# Sourced, not executed.

roster_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# JAVA_HOME -> a JDK 25: $JAVA_HOME if it is one, else the usual install folders, else java on PATH.
roster_java_home() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25-* /opt/java/openjdk \
                   "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')
    if [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "roster needs JDK 25 (e.g. Temurin 25): none found in JAVA_HOME, /usr/lib/jvm or on PATH" >&2
  return 1
}

# roster_tool NAME -> prints the path of .venv/NAME, a virtual environment with the pinned requirements of
# tools/python/NAME.txt; creates it on first use and re-installs when that file changes.
roster_tool() {
  local name="$1" venv="$roster_root/.venv/$1" requirements="$roster_root/tools/python/$1.txt"
  [ -f "$requirements" ] || { echo "roster: no pinned requirements at $requirements" >&2; return 1; }
  if [ ! -x "$venv/bin/python" ] || ! cmp -s "$requirements" "$venv/requirements.txt"; then
    echo "roster: installing $name into $venv (pinned in tools/python/$name.txt)" >&2
    rm -rf "$venv"
    python3 -m venv "$venv" && "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements" || {
      echo "roster: could not install $name from tools/python/$name.txt" >&2
      rm -rf "$venv"
      return 1
    }
    cp "$requirements" "$venv/requirements.txt"
  fi
  echo "$venv"
}

# ROSTER_PYTHON -> a Python with moto server: $ROSTER_PYTHON if set, else the pinned .venv/moto.
roster_python() {
  if [ -n "${ROSTER_PYTHON:-}" ]; then return 0; fi
  local venv
  venv=$(roster_tool moto) || return 1
  export ROSTER_PYTHON="$venv/bin/python"
}
