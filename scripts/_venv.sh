# Sourced by the other scripts: make sure a virtualenv holds the suite with the given extras.
# By default it is .venv, on Python 3.11, with the newest Wagtail and Django the suite allows.
# WAGTAIL, DJANGO and PYTHON pick another point of the supported matrix, each in its own
# virtualenv, e.g. `WAGTAIL=7.4 DJANGO=5.2 scripts/test` or `WAGTAIL=8 DJANGO=6.0 PYTHON=3.12 ...`.
# Re-installs only when pyproject.toml or the versions asked for changed since the last install.
extras="$1"
py_version="${PYTHON:-3.11}"
pins=()
[ -n "${WAGTAIL:-}" ] && pins+=("wagtail==${WAGTAIL}.*")
[ -n "${DJANGO:-}" ] && pins+=("Django==${DJANGO}.*")
venv=.venv
if [ -n "${WAGTAIL:-}${DJANGO:-}${PYTHON:-}" ]; then
  venv=".venv-py${py_version}-wagtail${WAGTAIL:-latest}-django${DJANGO:-latest}"
fi

find_python() {
  # python3.X on the PATH if it runs (a pyenv shim may not), else pyenv's own build.
  local candidate
  for candidate in "python$py_version" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$py_version"*/bin/"python$py_version"; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "" >/dev/null 2>&1; then
      echo "$candidate"
      return
    fi
  done
  if [ -z "${PYTHON:-}" ] && command -v python3 >/dev/null 2>&1; then
    echo python3
    return
  fi
  echo "Python $py_version not found (install it, e.g. with pyenv)" >&2
  return 1
}

if [ ! -x "$venv/bin/python" ]; then
  python_bin="$(find_python)"
  echo "Creating $venv with $python_bin"
  "$python_bin" -m venv "$venv"
fi
stamp="$venv/.installed-$( (cat pyproject.toml; echo "${pins[*]}") | sha1sum | cut -c1-12)-${extras//,/-}"
if [ ! -f "$stamp" ]; then
  echo "Installing the suite and its dependencies ($extras${pins:+; ${pins[*]}}) into $venv"
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet -e ".[$extras]" "${pins[@]}"
  rm -f "$venv"/.installed-*
  touch "$stamp"
fi
"$venv/bin/python" -c 'import django, wagtail, sys; print(f"Python {sys.version.split()[0]}, Django {django.__version__}, Wagtail {wagtail.__version__} ({sys.prefix})")'
export PATH="$PWD/$venv/bin:$PATH"
