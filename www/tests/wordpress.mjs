// A throwaway WordPress for the recipe tests: Debian's `wordpress` package copied into a temp
// folder, a MariaDB of its own on a Unix socket (no TCP port), and `php -S` on a free loopback
// port. Nothing is shared with a system WordPress or database, and nothing is registered globally:
// the caller's `stop()` ends both servers and removes the folder. scripts/lib.sh
// (`ensure_wordpress`, run by `scripts/dev test`) installs the packages.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const PACKAGE = '/usr/share/wordpress';
const INSTALL_HINT = 'run scripts/dev test (it installs them), or: apt-get install wordpress mariadb-server php-cli php-mysql';

/** Each step's bound: generous on a loaded 2-core machine, and five of them stay under the
 *  two minutes a test file gives the whole start. */
const STEP_MS = 20_000;

/** The first executable `name` on PATH or in the sbin/bin folders (mariadbd is in /usr/sbin). */
function locate(name) {
  const dirs = [...(process.env.PATH || '').split(delimiter), '/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];
  for (const dir of dirs.filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch { /* not here */ }
  }
  return null;
}

/** Keeps the last `max` characters a stream writes, for error messages. */
function tail(stream, max = 8000) {
  const t = { text: '' };
  stream.setEncoding('utf8');
  stream.on('data', (s) => { t.text = (t.text + s).slice(-max); });
  return t;
}

/** Runs a command to completion within `timeout`; rejects naming `step`, with its stderr. */
function run(step, cmd, args, { input, cwd, timeout = STEP_MS } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], timeout, killSignal: 'SIGKILL' });
    const out = tail(child.stdout, 1_000_000);
    const err = tail(child.stderr);
    child.on('error', (e) => reject(new Error(`WordPress test site: ${step}: cannot run ${cmd}: ${e.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(out.text);
      const why = signal ? `was stopped by ${signal} (over ${timeout / 1000} s?)` : `exited with ${code}`;
      reject(new Error(`WordPress test site: ${step} ${why}\n--- stderr ---\n${err.text}\n--- stdout ---\n${out.text.slice(-4000)}`));
    });
    child.stdin.end(input ?? '');
  });
}

/** Polls `check` every 100 ms until it resolves true; rejects after `timeout` or if `dead()` says so. */
async function until(step, check, { timeout = STEP_MS, dead = () => null } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const why = dead();
    if (why) throw new Error(`WordPress test site: ${step}: ${why}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`WordPress test site: ${step}: not ready after ${timeout / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A loopback port free right now (php -S cannot pick one itself and report it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A long-running server process; `exited` says why it is gone, if it is. */
function daemon(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  const log = tail(child.stderr);
  tail(child.stdout);
  const state = { child, log, exited: null };
  child.on('error', (e) => { state.exited = `cannot run ${cmd}: ${e.message}`; });
  child.on('exit', (code, signal) => { state.exited = `${cmd} exited (${signal || code})\n--- stderr ---\n${log.text}`; });
  return state;
}

/** Ends a daemon: SIGTERM, then SIGKILL after 10 s; resolves once it is gone. */
function end(d) {
  if (!d || d.exited || d.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => d.child.kill('SIGKILL'), 10_000);
    d.child.once('exit', () => { clearTimeout(kill); resolve(); });
    d.child.kill('SIGTERM');
  });
}

const php = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

// Lets WordPress fetch from loopback addresses on any port (a provider on another test server),
// which its HTTP API refuses by default: only loopback is opened, and only for this test site.
// Mail is dropped: the site's notices (install, new users) have nowhere to go.
const LOOPBACK_PLUGIN = `<?php
// Test-only (incident-cards www/tests/wordpress.mjs): loopback fetches allowed, mail dropped.
function incident_cards_test_is_loopback($host) {
  return in_array(strtolower((string) $host), array('127.0.0.1', 'localhost', '[::1]', '::1'), true);
}
add_filter('http_request_host_is_external', function ($external, $host) {
  return $external || incident_cards_test_is_loopback($host);
}, 10, 2);
add_filter('http_allowed_safe_ports', function ($ports, $host, $url) {
  $port = wp_parse_url($url, PHP_URL_PORT);
  if ($port && incident_cards_test_is_loopback($host)) $ports[] = $port;
  return $ports;
}, 10, 3);
add_filter('pre_wp_mail', '__return_false');
`;

// Creates the published post as a user of the given role (made on first use). A web request
// runs kses_init on 'init' and again when the user is set; wp_set_current_user does the same
// here, and the script checks the result: without unfiltered_html the kses filter must be on.
const POST_SCRIPT = `<?php
require __DIR__ . '/wp-load.php';
$in = json_decode(stream_get_contents(STDIN), true);
$role = $in['role'];
if (!get_role($role)) { fwrite(STDERR, "no role $role\\n"); exit(2); }
$users = get_users(array('role' => $role, 'number' => 1));
if ($users) {
  $uid = $users[0]->ID;
} else {
  $uid = wp_insert_user(array('user_login' => "test-$role", 'user_pass' => wp_generate_password(24),
    'user_email' => "$role@example.invalid", 'role' => $role));
  if (is_wp_error($uid)) { fwrite(STDERR, $uid->get_error_message() . "\\n"); exit(1); }
}
wp_set_current_user($uid);
if (get_current_user_id() !== $uid) { fwrite(STDERR, "could not act as user $uid\\n"); exit(3); }
$filtered = has_filter('content_save_pre', 'wp_filter_post_kses') !== false;
$unfiltered = current_user_can('unfiltered_html');
if ($filtered === $unfiltered) {
  fwrite(STDERR, "kses is " . ($filtered ? 'on' : 'off') . " for $role, who " . ($unfiltered ? 'has' : 'lacks') . " unfiltered_html\\n");
  exit(3);
}
$id = wp_insert_post(array('post_title' => $in['title'], 'post_content' => $in['content'],
  'post_status' => 'publish', 'post_author' => $uid), true);
if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\\n"); exit(1); }
echo json_encode(array('id' => $id, 'url' => get_permalink($id), 'kses' => $filtered));
`;

/**
 * Starts a fresh WordPress; resolves to { url, post(title, content, { role }), stop() }.
 * `plugins` ({ name: phpSource }) are written as must-use plugins before the site is installed.
 */
export async function startWordPress({ plugins = {} } = {}) {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error('WordPress test site: must run as root (mariadbd is started with --user=root and the packages are installed with apt)');
  }
  const bin = {
    php: locate('php'),
    mariadbd: locate('mariadbd') || locate('mysqld'),
    installDb: locate('mariadb-install-db') || locate('mysql_install_db'),
    client: locate('mariadb') || locate('mysql'),
  };
  const missing = Object.entries(bin).filter(([, p]) => !p).map(([k]) => k);
  if (!existsSync(join(PACKAGE, 'wp-load.php'))) missing.unshift(`${PACKAGE}/wp-load.php`);
  if (missing.length) throw new Error(`WordPress test site: not installed (missing: ${missing.join(', ')}); ${INSTALL_HINT}`);
  for (const name of Object.keys(plugins)) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`WordPress test site: bad plugin name ${JSON.stringify(name)}`);
  }

  const dir = mkdtempSync(join(tmpdir(), 'incident-cards-wp-'));
  const datadir = join(dir, 'db');
  const socket = join(dir, 'db.sock');
  const site = join(dir, 'site');
  let db = null;
  let web = null;
  const stop = async () => {
    await Promise.all([end(web), end(db)]);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // The database: a fresh datadir, reachable only through its socket. Small redo log: the
    // site holds a few rows.
    await run('mariadb-install-db', bin.installDb, ['--no-defaults', '--user=root', `--datadir=${datadir}`,
      '--auth-root-authentication-method=socket', '--skip-test-db', '--innodb-log-file-size=8M']);
    db = daemon(bin.mariadbd, ['--no-defaults', '--user=root', `--datadir=${datadir}`, `--socket=${socket}`,
      '--skip-networking', `--pid-file=${join(dir, 'mariadbd.pid')}`, '--innodb-log-file-size=8M', '--innodb-buffer-pool-size=32M']);
    const client = (step, sql) => run(step, bin.client, ['--no-defaults', `--socket=${socket}`, '--user=root', '--batch'], { input: sql });
    await until('starting mariadbd', async () => existsSync(socket) && (await client('mariadb ping', 'SELECT 1;'), true),
      { dead: () => db.exited });
    const password = randomBytes(12).toString('hex');
    await client('creating the database', `CREATE DATABASE wordpress CHARACTER SET utf8mb4;
      CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '${password}';
      GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';`);

    // The site: a real copy (the package links some files into /etc and elsewhere), with its
    // own wp-config.php in place of Debian's, which would read /etc/wordpress/config-<host>.php.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    cpSync(PACKAGE, site, { recursive: true, dereference: true });
    const key = () => php(randomBytes(32).toString('base64'));
    writeFileSync(join(site, 'wp-config.php'), `<?php
// Written by www/tests/wordpress.mjs for a throwaway test site.
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', ${php(password)});
define('DB_HOST', ${php(`localhost:${socket}`)});
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT']
    .map((k) => `define('${k}', ${key()});`).join('\n')}
$table_prefix = 'wp_';
define('WP_HOME', ${php(url)});
define('WP_SITEURL', ${php(url)});
// WordPress 6.1 on PHP 8.2 reports deprecations; they are not what these tests look at.
define('WP_DEBUG', false);
// No cron, updates or outside requests: the site talks to loopback only (the home's own host
// and localhost stay reachable whatever the port; the loopback plugin opens the ports).
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`);
    const mu = join(site, 'wp-content', 'mu-plugins');
    mkdirSync(mu, { recursive: true });
    writeFileSync(join(mu, 'incident-cards-test-loopback.php'), LOOPBACK_PLUGIN);
    for (const [name, source] of Object.entries(plugins)) writeFileSync(join(mu, `${name}.php`), source);
    writeFileSync(join(site, 'incident-cards-post.php'), POST_SCRIPT);

    // Installed before the web server starts: wp_install's probe for pretty permalinks then
    // fails at once, and the site keeps plain ?p=ID links (php -S has no rewrite rules).
    writeFileSync(join(site, 'incident-cards-install.php'), `<?php
define('WP_INSTALLING', true);
require __DIR__ . '/wp-load.php';
require ABSPATH . 'wp-admin/includes/upgrade.php';
$r = wp_install('Incident cards test site', 'admin', 'admin@example.invalid', false, '', wp_generate_password(24));
update_option('permalink_structure', '');
echo is_blog_installed() ? 'installed' : 'not installed';
`);
    const phpArgs = ['-d', 'display_errors=stderr', '-d', 'log_errors=0'];
    const installed = await run('installing WordPress (wp_install)', bin.php, [...phpArgs, 'incident-cards-install.php'], { cwd: site });
    if (!installed.includes('installed') || installed.includes('not installed')) {
      throw new Error(`WordPress test site: wp_install did not install the site:\n${installed.slice(-4000)}`);
    }

    web = daemon(bin.php, [...phpArgs, '-S', `127.0.0.1:${port}`, '-t', site], { cwd: site });
    await until(`starting php -S on port ${port}`, async () => (await fetch(`${url}/`, { signal: AbortSignal.timeout(5000) })).ok,
      { dead: () => web.exited });

    return {
      url,
      /** Publishes a post as a user of `role`; resolves to its address. */
      async post(title, content, { role = 'administrator' } = {}) {
        const out = await run(`publishing "${title}" as ${role}`, bin.php, [...phpArgs, 'incident-cards-post.php'],
          { cwd: site, input: JSON.stringify({ title, content, role }) });
        return JSON.parse(out.slice(out.indexOf('{'))).url;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
