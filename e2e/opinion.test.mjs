// Opinion maps in a real browser: axe finds no violation on the map (picture and text), the
// voting page (a statement, a refused statement, the thanks), the moderation list and the report,
// in Italian and English; a keyboard-only participant votes on ten statements and submits one.
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

async function mapOf(page) {
  await page.goto(`${server.base}${PARK}`);
  return page.getAttribute('a[href*="/opinion/"]', 'href');
}

for (const lang of ['it', 'en']) {
  test(`axe finds no violation on the pages of opinion maps (${lang})`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const failures = [];
    const check = async (label) => {
      const v = await axe(page);
      if (v.length) failures.push({ page: label, violations: v });
    };
    await page.goto(`${server.base}/?lang=${lang}`);
    const map = await mapOf(page);
    for (const path of [map, `${map}/vote`, `${map}/report`]) {
      await page.goto(server.base + path);
      await check(path);
    }
    await page.goto(server.base + map);
    assert.equal(await page.locator('svg.opinion-map circle').count() > 3, true);
    assert.equal(await page.locator('section.panel h3').count(), 3);

    await login(page, 'cittadina@demo.example');
    await page.goto(`${server.base}${map}/vote`);
    await check('voting page');
    await page.click('form[action$="/statements"] button[type=submit]');
    await check('statement refused');
    await page.fill('#f-statement', `Un'area cani recintata lontano dai giochi (${lang}).`);
    await page.click('form[action$="/statements"] button[type=submit]');
    await page.waitForURL(/notice-statement-pending/);
    await check('statement waiting');

    await context.clearCookies();
    await login(page, 'facilitatore@demo.example');
    await page.goto(server.base + map);
    await check('map with moderation');
    await page.screenshot({ path: `${ARTIFACTS}opinion-map-${lang}.png`, fullPage: true });
    await context.close();
    assert.deepEqual(failures, []);
  });
}

test('a keyboard-only participant votes on ten statements and submits one', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await keyboardLogin(page, server.base, 'ricercatore@demo.example');
  const map = await mapOf(page);
  await page.goto(`${server.base}${map}/vote`);
  const seen = new Set();
  for (let i = 0; i < 10; i++) {
    seen.add(await page.textContent('#statement-text'));
    const label = ['Agree', 'Disagree', 'Pass / unsure'][i % 3];
    await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === label);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  }
  assert.equal(seen.size, 10, 'ten different statements, one at a time');
  assert.match(await page.textContent('main'), /voted on 10 of 12/);
  await tabTo(page, (e) => e.id === 'f-statement', 200);
  await page.keyboard.type('A small library box near the playground, run by volunteers.');
  await tabTo(page, (e) => e.tag === 'BUTTON' && /Send the statement/.test(e.text));
  await Promise.all([page.waitForURL(/notice-statement-pending/), page.keyboard.press('Enter')]);
  await page.screenshot({ path: `${ARTIFACTS}opinion-vote-keyboard.png`, fullPage: true });
  await context.close();
});
