// Spaces in a real browser: debates (open and closed), comments on meetings and results,
// amendments, roles and co-organisers, an assembly, a private space, notifications — axe finds no
// violation in Italian and English, anonymous and logged in, forms sent back with errors included;
// a keyboard-only participant follows a debate, comments on it and proposes an amendment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startDemo, launch, axe, tabTo, login as signIn, keyboardLogin } from './server.mjs';

const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });
const PARK = '/processes/il-futuro-del-parco-della-dora';

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
  `${PARK}`, `${PARK}/debates`, `${PARK}/debates/1`, '/processes/piazza-del-mercato/debates/2',
  '/processes/consulta-giovani-valdora', '/processes/centro-giovani-san-michele',
  `${PARK}/meetings/1`, '/processes/piazza-del-mercato/results/1', `${PARK}/proposals/1`,
];

for (const lang of ['it', 'en']) {
  test(`axe finds no violation on the pages of spaces (${lang})`, async () => {
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
      await check(path);
    }
    // The private working group is not there for anonymous readers.
    const hidden = await page.goto(`${server.base}/processes/regolamento-partecipazione`);
    assert.equal(hidden.status(), 404);
    await page.goto(`${server.base}${PARK}/debates/1`);
    await page.screenshot({ path: `${ARTIFACTS}debate-${lang}.png`, fullPage: true });
    await page.goto(`${server.base}/processes/piazza-del-mercato/debates/2`);
    await page.screenshot({ path: `${ARTIFACTS}debate-closed-${lang}.png`, fullPage: true });

    // A resident: notifications, a proposal with the amendment form, a refused amendment and a
    // refused comment on a meeting.
    await login(page, 'cittadina@demo.example');
    await page.goto(`${server.base}/notifications`);
    await check('notifications');
    await page.screenshot({ path: `${ARTIFACTS}notifications-${lang}.png`, fullPage: true });
    await page.goto(`${server.base}${PARK}/proposals/1`);
    await page.click('#amendments-title ~ details summary');
    await check('proposal with the amendment form');
    await page.click('form[action$="/amendments"] button[type=submit]');
    assert.match(page.url(), /\/amendments$/);
    await check('amendment refused');
    await page.screenshot({ path: `${ARTIFACTS}amendment-refused-${lang}.png`, fullPage: true });
    await page.goto(`${server.base}${PARK}/meetings/1`);
    await page.click('form[action$="/comments"] button[type=submit]');
    await check('meeting comment refused');

    // The facilitator of the park: the debate form, refused, and the closing form.
    await context.clearCookies();
    await login(page, 'facilitatore@demo.example');
    await page.goto(`${server.base}${PARK}/debates`);
    await check('debates with the facilitator form');
    await page.click('form[action$="/debates"] button[type=submit]');
    await check('debate refused');
    await page.goto(`${server.base}${PARK}/debates/1`);
    await check('debate with the closing form');

    // Valdora's official: the space's people, roles and co-organisers forms; the private group.
    await context.clearCookies();
    await login(page, 'funzionario@demo.example');
    await page.goto(`${server.base}/processes/consulta-giovani-valdora`);
    await check('assembly managed');
    await page.screenshot({ path: `${ARTIFACTS}assembly-managed-${lang}.png`, fullPage: true });
    await page.fill('#f-email', 'not-an-address');
    await page.click('form[action$="/roles"] button[type=submit]');
    await check('role refused');
    assert.equal(await page.inputValue('#f-email'), 'not-an-address');
    await page.goto(`${server.base}/processes/regolamento-partecipazione`);
    await check('private space');
    await page.goto(`${server.base}/processes/regolamento-partecipazione/debates/3`);
    await check('private debate');
    await context.close();
    assert.deepEqual(failures, []);
  });
}

test('a keyboard-only participant follows a debate, comments on it and proposes an amendment', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await keyboardLogin(page, server.base, 'ricercatore@demo.example');

  await page.goto(`${server.base}${PARK}/debates/1`);
  await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'Follow');
  await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
  await page.waitForSelector('button:has-text("Stop following")');
  await tabTo(page, (e) => e.id === 'f-comment', 300);
  await page.keyboard.type('Open at night, but only the cycle path.');
  await tabTo(page, (e) => e.tag === 'BUTTON' && /Publish the comment/.test(e.text));
  await Promise.all([page.waitForURL(/#comment-\d+$/), page.keyboard.press('Enter')]);
  assert.match(await page.textContent('.comments'), /only the cycle path/);

  await page.goto(`${server.base}${PARK}/proposals/1`);
  await tabTo(page, (e) => e.tag === 'SUMMARY' && /Propose an amendment/.test(e.text), 300);
  await page.keyboard.press('Enter');
  await tabTo(page, (e) => e.id === 'f-title');
  await page.keyboard.type('More trees and shade near the playground, and benches');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Plant trees along the path and add three benches in the shade.');
  await tabTo(page, (e) => e.tag === 'BUTTON' && /Send the amendment/.test(e.text));
  await Promise.all([page.waitForURL(/notice=notice-amendment/), page.keyboard.press('Enter')]);
  assert.match(await page.textContent('#amendments-title + ul, #amendments-title ~ ul'), /three benches|and benches/);
  await page.screenshot({ path: `${ARTIFACTS}amendment-keyboard.png`, fullPage: true });
  await context.close();
});
