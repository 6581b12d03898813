// Starts the real binary on a fresh demo database and a free port, and stops it afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function startDemo() {
  const bin = process.env.LC_BIN;
  if (!bin) throw new Error('LC_BIN must name the learning-city binary (cargo xtask e2e sets it)');
  const dir = mkdtempSync(join(tmpdir(), 'lc-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(bin, ['demo', '--bind', `127.0.0.1:${port}`, '--database-url', `sqlite:${join(dir, 'demo.sqlite3')}?mode=rwc`], {
    cwd: dir,
    env: { ...process.env, RUST_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(`${base}/health`);
      if (r.ok) return { base, stop: () => child.kill('SIGTERM') };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the demo server did not start');
}

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export const PASSWORD = 'demo-learning-city';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.0/2.1 A and AA violations axe finds on the page. */
export async function axe(page) {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) stays on.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}


/** Presses Tab until the focused element satisfies `want` (at most `max` times). */
export async function tabTo(page, want, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement;
      return a ? { tag: a.tagName, href: a.getAttribute('href') || '', text: (a.textContent || '').trim(), id: a.id, type: a.getAttribute('type') || '' } : null;
    });
    if (el && want(el)) return el;
  }
  throw new Error('focus never reached the wanted element');
}


/** Logs in by keyboard alone: Tab to the address, type it and the demo password, Enter. */
export async function keyboardLogin(page, base, email) {
  await page.goto(`${base}/login?lang=en`);
  await tabTo(page, (e) => e.id === 'f-email');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await Promise.all([page.waitForURL(/\/account$/), page.keyboard.press('Enter')]);
}

/** Logs in with the demo password through the log-in form. */
export async function login(page, base, email) {
  await page.goto(`${base}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', PASSWORD);
  await Promise.all([page.waitForURL(/\/account/), page.click('form[action="/login"] button[type=submit]')]);
}
