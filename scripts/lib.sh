# Shared set-up steps of scripts/dev and scripts/test-all: each installs what is missing, and only that.
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/incident-cards"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# The shipped module rebuilds the standard library for size (`-Z build-std`, see scripts/dev):
# that needs the toolchain's library sources. Returns non-zero when they cannot be had.
ensure_rust_src() {
  local src; src="$(rustc --print sysroot)/lib/rustlib/src/rust/library"
  if [ ! -d "$src/std" ]; then
    say "adding the rust-src component (the size build rebuilds the standard library)"
    rustup component add rust-src >&2 || return 1
  fi
  [ -d "$src/std" ]
}

wasm_bindgen_version() {
  # The version of the wasm-bindgen crate locked in Cargo.lock.
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_bindgen() {
  local v; v=$(wasm_bindgen_version)
  [ -n "$v" ] || { cargo generate-lockfile; v=$(wasm_bindgen_version); }
  local dir="$CACHE/tools/wasm-bindgen-$v"
  if [ ! -x "$dir/bin/wasm-bindgen" ] || ! "$dir/bin/wasm-bindgen" --version | grep -q "$v"; then
    say "installing wasm-bindgen-cli $v into $dir (once per version; a few minutes)"
    cargo install wasm-bindgen-cli --version "=$v" --root "$dir" --force
  fi
  export PATH="$dir/bin:$PATH"
}

ensure_npm() {
  if [ ! -d www/node_modules/playwright-core ] || [ www/package-lock.json -nt www/node_modules/.package-lock.json ]; then
    say "installing npm tooling in www/"
    (cd www && npm ci --no-audit --no-fund)
  fi
}

ensure_chromium() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then return; fi
  apt_install chromium chromium-driver
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "Chromium and chromedriver are needed for the browser tests. Install them with your" >&2
    echo "package manager (Debian/Ubuntu: apt-get install chromium chromium-driver)." >&2
    exit 1
  fi
}

# Firefox ESR, the second engine of the browser tests (www/tests/firefox.test.mjs, driven by
# puppeteer-core over WebDriver BiDi).
ensure_firefox() {
  command -v firefox-esr >/dev/null && return
  apt_install firefox-esr
  if ! command -v firefox-esr >/dev/null; then
    echo "Firefox is needed for the tests in a second engine (Debian: apt-get install firefox-esr)." >&2
    exit 1
  fi
}

# WebKitGTK's WebDriver and MiniBrowser in a virtual X display, the third engine of the browser
# tests (www/tests/webkit.test.mjs): this build of MiniBrowser has no headless mode.
ensure_webkit() {
  command -v WebKitWebDriver >/dev/null && command -v xvfb-run >/dev/null && command -v xauth >/dev/null && return
  apt_install webkit2gtk-driver xvfb xauth
  if ! command -v WebKitWebDriver >/dev/null || ! command -v xvfb-run >/dev/null; then
    echo "WebKitGTK's WebDriver and Xvfb are needed for the tests in WebKit" >&2
    echo "(Debian: apt-get install webkit2gtk-driver xvfb xauth)." >&2
    exit 1
  fi
}

# man(1) with groff, for the test that renders the command-line tool's manual page.
ensure_man() {
  command -v man >/dev/null && command -v groff >/dev/null && return
  apt_install man-db groff-base
  if ! command -v man >/dev/null; then
    echo "man(1) is needed for the manual page test (Debian/Ubuntu: apt-get install man-db)." >&2
    exit 1
  fi
}

# Hugo, for the test of the Hugo recipe (examples/hugo).
ensure_hugo() {
  command -v hugo >/dev/null && return
  apt_install hugo
  if ! command -v hugo >/dev/null; then
    echo "hugo is needed for the Hugo recipe's test (Debian/Ubuntu: apt-get install hugo)." >&2
    exit 1
  fi
}

# WordPress with a local MariaDB and PHP, for the WordPress recipe's test (www/tests/wordpress.mjs
# starts its own database and PHP server; no service is enabled). mariadbd lives in /usr/sbin,
# which is not on every PATH, so each check runs twice: before and after installing.
ensure_wordpress() {
  local try
  for try in 1 2; do
    if [ -f /usr/share/wordpress/wp-load.php ] && command -v php >/dev/null &&
      { command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || [ -x /usr/bin/mariadbd ]; }; then
      return
    fi
    [ "$try" = 1 ] && apt_install wordpress mariadb-server php-cli php-mysql
  done
  echo "WordPress, MariaDB and PHP are needed for the WordPress recipe's test" >&2
  echo "(Debian/Ubuntu: apt-get install wordpress mariadb-server php-cli php-mysql)." >&2
  exit 1
}

apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if command -v apt-get >/dev/null && { [ -z "$sudo" ] || command -v sudo >/dev/null; }; then
    say "installing $* (apt)"
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

ensure_cargo_fuzz() {
  local dir="$CACHE/tools/cargo-fuzz"
  if [ ! -x "$dir/bin/cargo-fuzz" ]; then
    say "installing cargo-fuzz into $dir (once)"
    cargo install cargo-fuzz --root "$dir"
  fi
  export PATH="$dir/bin:$PATH"
}

# twiggy, the code size profiler (scripts/dev bytes), at a fixed version.
ensure_twiggy() {
  local v=0.8.0 dir="$CACHE/tools/twiggy-0.8.0"
  if [ ! -x "$dir/bin/twiggy" ]; then
    say "installing twiggy $v into $dir (once; a few minutes)"
    cargo install twiggy --version "=$v" --locked --root "$dir"
  fi
  export PATH="$dir/bin:$PATH"
}
