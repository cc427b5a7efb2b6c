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

# ROSTER_PYTHON -> a Python with moto server: $ROSTER_PYTHON, python3 if it has moto, else a venv under
# .venv/moto that this function creates on first use.
roster_python() {
  if [ -n "${ROSTER_PYTHON:-}" ]; then return 0; fi
  if python3 -c 'import moto.server, flask' >/dev/null 2>&1; then
    export ROSTER_PYTHON=python3
    return 0
  fi
  local venv="$roster_root/.venv/moto"
  if ! "$venv/bin/python" -c 'import moto.server, flask' >/dev/null 2>&1; then
    echo "roster: installing moto server into $venv (first run only)" >&2
    python3 -m venv "$venv" && "$venv/bin/pip" install -q 'moto[server]' || {
      echo "roster: could not install moto; install it yourself: python3 -m pip install 'moto[server]'" >&2
      return 1
    }
  fi
  export ROSTER_PYTHON="$venv/bin/python"
}
