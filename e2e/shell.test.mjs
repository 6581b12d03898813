// The web shell in a real browser: axe (WCAG 2.0/2.1 A and AA) finds no violation on any page
// type, anonymous and logged in, in Italian and English; a keyboard-only visitor logs in and
// reaches every page of the shell.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startDemo, launch, PASSWORD, axe, tabTo, login as signIn } from './server.mjs';

const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

let server;
let browser;
before(async () => {
  server = await startDemo();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const login = (page, email) => signIn(page, server.base, email);

const ANONYMOUS = [
  '/', '/processes', '/processes/il-futuro-del-parco-della-dora', '/processes/piazza-del-mercato',
  '/organisations', '/organisations?kind=municipality&q=valdora', '/organisations/comune-di-valdora',
  '/organisations/consorzio-universitario-alpino', '/networks', '/networks/rete-citta-che-apprendono-valli-alpine',
  '/commitments', '/commitments/manifesto-citta-che-apprendono', '/login', '/register', '/register/done',
  '/login/link', '/password/forgot', '/accessibility', '/demo/mail', '/no-such-page', '/admin',
];
const SIGNED_IN = [
  '/account', '/admin', '/admin/organisations/new', '/organisations/comune-di-valdora/edit',
  '/organisations/comune-di-valdora/processes/new', '/processes/centro-giovani-san-michele',
  '/organisations/comune-di-valdora/members', '/networks/rete-citta-che-apprendono-valli-alpine',
  '/commitments/carta-della-partecipazione',
];

for (const lang of ['it', 'en']) {
  test(`axe finds no violation on any page, anonymous and logged in (${lang})`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const failures = [];
    const check = async (label) => {
      const v = await axe(page);
      if (v.length) failures.push({ page: label, violations: v });
    };
    await page.goto(`${server.base}/?lang=${lang}`);
    for (const path of ANONYMOUS) {
      await page.goto(server.base + path);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await check(path);
    }
    // Forms sent back with errors.
    await page.goto(`${server.base}/register`);
    await page.fill('#f-name', '<b>x</b>');
    await page.fill('#f-email', 'not-an-address');
    await page.click('form[action="/register"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await check('register with errors');
    await page.screenshot({ path: `${ARTIFACTS}register-errors-${lang}.png`, fullPage: true });
    await page.goto(`${server.base}/login`);
    await page.fill('#f-email', 'admin@demo.example');
    await page.fill('#f-password', 'not the password');
    await page.click('form[action="/login"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await check('login with errors');

    await login(page, 'admin@demo.example');
    await page.goto(`${server.base}/account?lang=${lang}`);
    for (const path of SIGNED_IN) {
      await page.goto(server.base + path);
      await check(`${path} (admin)`);
    }
    await page.goto(`${server.base}/admin/organisations/new`);
    await page.fill('#f-name', 'X');
    await page.selectOption('#f-kind', 'municipality');
    await page.click('form[action="/admin/organisations"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await check('new organisation with errors');
    await page.screenshot({ path: `${ARTIFACTS}new-org-errors-${lang}.png`, fullPage: true });
    await page.goto(`${server.base}/processes/il-futuro-del-parco-della-dora`);
    await page.fill('#f-phase_title', 'X');
    await page.fill('#f-starts_on', '2027-02-01');
    await page.fill('#f-ends_on', '2027-01-01');
    await page.click('form[action$="/phases"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await check('phase with errors');
    await page.screenshot({ path: `${ARTIFACTS}process-admin-${lang}.png`, fullPage: true });
    await page.goto(`${server.base}/`);
    await page.screenshot({ path: `${ARTIFACTS}home-admin-${lang}.png`, fullPage: true });
    await context.close();
    assert.deepEqual(failures, []);
  });
}

test('a keyboard-only visitor logs in and reaches every page of the shell', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.base}/?lang=en`);
  // The first Tab reaches the skip link, which moves focus to the main content.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');

  await page.goto(`${server.base}/`);
  await tabTo(page, (e) => e.href === '/login');
  await Promise.all([page.waitForURL(/\/login$/), page.keyboard.press('Enter')]);
  await tabTo(page, (e) => e.id === 'f-email');
  await page.keyboard.type('coordinatrice@demo.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await Promise.all([page.waitForURL(/\/account$/), page.keyboard.press('Enter')]);
  assert.match(await page.textContent('h1'), /Your account/);

  for (const [href, heading] of [['/', /learning cities/], ['/organisations', /Organisations/], ['/networks', /Networks/],
    ['/processes', /Participatory processes/], ['/commitments', /Commitments/], ['/demo/mail', /Demo mailbox/], ['/accessibility', /Accessibility/], ['/account', /Your account/]]) {
    await page.goto(`${server.base}/account`);
    await tabTo(page, (e) => e.href === href);
    await Promise.all([page.waitForURL((u) => new URL(u).pathname === href), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('h1'), heading, href);
  }
  // The coordinator reaches her network's page by keyboard and adds a member with the form.
  await page.goto(`${server.base}/networks`);
  await tabTo(page, (e) => e.href === '/networks/rete-citta-che-apprendono-valli-alpine');
  await Promise.all([page.waitForURL(/valli-alpine$/), page.keyboard.press('Enter')]);
  await tabTo(page, (e) => e.id === 'f-org');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2026-11-25');
  await tabTo(page, (e) => e.tag === 'BUTTON' && /Add to the network/.test(e.text));
  await Promise.all([page.waitForURL(/notice=notice-member-added/), page.keyboard.press('Enter')]);
  assert.match(await page.textContent('[role=status]'), /Member added/);
  await page.screenshot({ path: `${ARTIFACTS}network-keyboard.png`, fullPage: true });

  // And logs out with the keyboard.
  await tabTo(page, (e) => e.tag === 'BUTTON' && /Log out/.test(e.text));
  await Promise.all([page.waitForURL((u) => new URL(u).pathname === '/'), page.keyboard.press('Enter')]);
  assert.ok(await page.$('a[href="/login"]'));
  await context.close();
});

test('a log-in link from the demo mailbox logs in without a password', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.base}/login/link?lang=en`);
  await page.fill('#f-email', 'ricercatore@demo.example');
  await page.click('form[action="/login/link"] button[type=submit]');
  await page.waitForSelector('[role=status]');
  // The worker sends the mail; the mailbox lists it with its link.
  let link = null;
  for (let i = 0; i < 50 && !link; i++) {
    await page.goto(`${server.base}/demo/mail`);
    link = await page.getAttribute('a[href*="/login/link/"]', 'href').catch(() => null);
    if (!link) await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(link, 'the log-in link appears in the demo mailbox');
  await page.goto(link.replace(/^https?:\/\/[^/]+/, server.base));
  await Promise.all([page.waitForURL(/\/account$/), page.click('main form button[type=submit]')]);
  assert.equal(await page.inputValue('#f-name'), 'Luca Moretti');
  await context.close();
});
