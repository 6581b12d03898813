// Proposals, comments and search in a real browser: axe finds no violation on their pages in
// Italian and English, anonymous and logged in (forms sent back with errors included); a
// keyboard-only participant writes a proposal, publishes it, supports it and comments on it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startDemo, launch, axe, tabTo, login as signIn, keyboardLogin } from './server.mjs';

const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });
const PARK = '/processes/il-futuro-del-parco-della-dora/proposals';

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
  PARK, `${PARK}?category=environment&order=supports`, `${PARK}/1`, `${PARK}/5`,
  '/processes/piazza-del-mercato/proposals', '/processes/piazza-del-mercato/proposals/7',
  '/search', '/search?q=parco', '/search?q=alberi&kind=comment', '/search?q=zzzz',
  '/processes/il-futuro-del-parco-della-dora/meetings', '/processes/il-futuro-del-parco-della-dora/meetings/1',
  '/processes/piazza-del-mercato/meetings/4', '/organisations/comune-di-valdora',
  '/processes/centro-giovani-san-michele/surveys', '/processes/centro-giovani-san-michele/surveys/1',
  '/processes/centro-giovani-san-michele/surveys/1/results',
  '/processes/piazza-del-mercato/results', '/processes/piazza-del-mercato/results/1', '/moderation',
];

for (const lang of ['it', 'en']) {
  test(`axe finds no violation on proposal, comment and search pages (${lang})`, async () => {
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
    await page.goto(`${server.base}/search?q=parco`);
    await page.screenshot({ path: `${ARTIFACTS}search-${lang}.png`, fullPage: true });

    await login(page, 'cittadina@demo.example');
    await page.goto(`${server.base}${PARK}/new`);
    await check('new proposal');
    await page.fill('#f-title', 'Corto');
    await page.fill('#f-cost', 'tanti');
    await page.click(`form[action="${PARK}"] button[type=submit]`);
    await page.waitForSelector('.error-summary');
    await check('new proposal with errors');
    assert.equal(await page.inputValue('#f-cost'), 'tanti', 'what was typed is kept');
    await page.screenshot({ path: `${ARTIFACTS}proposal-errors-${lang}.png`, fullPage: true });
    await page.fill('#f-title', `Più alberi e ombra nel parco giochi (${lang})`);
    await page.fill('#f-body', 'Alberi per fare ombra ai giochi dei bambini, con panchine.');
    await page.fill('#f-cost', '20000');
    await page.selectOption('#f-category', 'environment');
    await Promise.all([page.waitForURL(/notice-draft-saved/), page.click(`form[action="${PARK}"] button[type=submit]`)]);
    await check('draft with similar proposals');
    assert.ok(await page.locator('a', { hasText: 'Più alberi e ombra vicino ai giochi' }).count() >= 1, 'similar proposal offered');
    await page.screenshot({ path: `${ARTIFACTS}proposal-draft-${lang}.png`, fullPage: true });
    await page.goto(`${server.base}${PARK}/1`);
    await page.click('form[aria-labelledby="comment-form-title"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await check('comment with errors');

    await page.goto(`${server.base}/processes/centro-giovani-san-michele/surveys/1`);
    if (await page.locator('form[action$="/answer"]').count()) {
      await page.click('form[action$="/answer"] button[type=submit]');
      await page.waitForSelector('.error-summary');
      await check('survey with errors');
      await page.screenshot({ path: `${ARTIFACTS}survey-errors-${lang}.png`, fullPage: true });
    }
    await page.goto(`${server.base}/processes/centro-giovani-san-michele/surveys/1/results`);
    await page.screenshot({ path: `${ARTIFACTS}survey-results-${lang}.png`, fullPage: true });

    await login(page, 'admin@demo.example');
    await page.goto(`${server.base}/processes/centro-giovani-san-michele/surveys`);
    await check('surveys with the new-survey form');
    await page.goto(`${server.base}/processes/centro-giovani-san-michele/surveys/1`);
    await check('survey management');
    await page.goto(`${server.base}/processes/piazza-del-mercato/results`);
    await check('results with the new-result form');
    await page.goto(`${server.base}/admin`);
    await check('admin with the block form');
    await page.goto(`${server.base}/processes/piazza-del-mercato/results/1`);
    await check('result with the update form');
    await page.fill('#f-progress', '120');
    await page.click('form[action$="/updates"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await check('result update with errors');
    await page.screenshot({ path: `${ARTIFACTS}result-errors-${lang}.png`, fullPage: true });

    await login(page, 'funzionario@demo.example');
    await page.goto(`${server.base}${PARK}/2`);
    await check('proposal with the answer form');
    await page.goto(`${server.base}/processes/il-futuro-del-parco-della-dora/meetings/1`);
    if (await page.locator('form[action$="/register"]').count()) {
      await Promise.all([page.waitForURL(/notice=notice-registered/), page.click('form[action$="/register"] button[type=submit]')]);
    }
    assert.ok(await page.locator('form[action$="/cancel"]').count(), 'registered');
    await check('meeting with a registration');
    await page.screenshot({ path: `${ARTIFACTS}meeting-${lang}.png`, fullPage: true });
    await page.goto(`${server.base}/processes/il-futuro-del-parco-della-dora/meetings/new`);
    await check('meeting form');
    await page.fill('#f-title', 'X');
    await page.click('form[action$="/meetings"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await check('meeting form with errors');
    await page.goto(`${server.base}/organisations/comune-di-valdora/moderation`);
    await check('moderation queue');
    await page.goto(`${server.base}/organisations/comune-di-valdora/census`);
    await check('census');
    await page.setInputFiles('#f-census', { name: 'census.csv', mimeType: 'text/csv', buffer: Buffer.from('id;date\nRSSMRA85T10A562X;1985-12-10\n') });
    await page.click('form[enctype="multipart/form-data"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await check('census refused');
    await page.screenshot({ path: `${ARTIFACTS}census-refused-${lang}.png`, fullPage: true });
    await page.goto(`${server.base}/organisations/comune-di-valdora/verify`);
    await check('verify');
    await page.fill('#f-identifier', 'RSSMRA85T10A562X');
    await page.click('form[action$="/verify"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    await check('verify with errors');
    await page.screenshot({ path: `${ARTIFACTS}verify-errors-${lang}.png`, fullPage: true });
    await page.screenshot({ path: `${ARTIFACTS}proposal-answer-${lang}.png`, fullPage: true });
    await context.close();
    assert.deepEqual(failures, []);
  });
}

test('a keyboard-only participant writes, publishes, supports and comments on a proposal', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await keyboardLogin(page, server.base, 'cittadina@demo.example');

  await page.goto(`${server.base}${PARK}`);
  await tabTo(page, (e) => e.href.endsWith('/proposals/new'));
  await Promise.all([page.waitForURL(/\/proposals\/new$/), page.keyboard.press('Enter')]);
  await tabTo(page, (e) => e.id === 'f-title');
  await page.keyboard.type('A reading corner under the trees');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Benches and a small library box near the **playground**.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue('#f-category'), 'culture');
  await tabTo(page, (e) => e.tag === 'BUTTON' && e.type === 'submit' && /draft/i.test(e.text));
  await Promise.all([page.waitForURL(/notice-draft-saved/), page.keyboard.press('Enter')]);

  await tabTo(page, (e) => e.tag === 'BUTTON' && /Publish the proposal/.test(e.text));
  await Promise.all([page.waitForURL(/notice=notice-published/), page.keyboard.press('Enter')]);
  await tabTo(page, (e) => e.tag === 'BUTTON' && /Support this proposal/.test(e.text));
  await Promise.all([page.waitForURL(/notice=notice-supported/), page.keyboard.press('Enter')]);
  assert.match(await page.textContent('#supports-title'), /1 support/);

  await tabTo(page, (e) => e.id === 'f-comment', 200);
  await page.keyboard.type('I would use it every Sunday.');
  await tabTo(page, (e) => e.tag === 'BUTTON' && /Publish the comment/.test(e.text));
  await Promise.all([page.waitForURL(/notice=notice-commented/), page.keyboard.press('Enter')]);
  assert.match(await page.textContent('.comments'), /I would use it every Sunday\./);
  assert.match(await page.textContent('.rich'), /playground/);
  await page.screenshot({ path: `${ARTIFACTS}proposal-keyboard.png`, fullPage: true });

  // Registers for a meeting and answers the survey, by keyboard.
  await page.goto(`${server.base}/processes/centro-giovani-san-michele/meetings/3`);
  await tabTo(page, (e) => e.tag === 'BUTTON' && /waiting list|Register/.test(e.text));
  await Promise.all([page.waitForURL(/notice=notice-(waiting|registered)/), page.keyboard.press('Enter')]);
  await page.goto(`${server.base}/processes/centro-giovani-san-michele/surveys/1`);
  await tabTo(page, (e) => e.id === 'q1-0');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.isChecked('#q1-2'), true);
  await tabTo(page, (e) => e.id === 'q2-0');
  await page.keyboard.press('Space');
  await tabTo(page, (e) => e.tag === 'BUTTON' && /Send my answers/.test(e.text));
  await Promise.all([page.waitForURL(/notice=notice-answered-survey/), page.keyboard.press('Enter')]);
  assert.match(await page.textContent('main'), /28 responses/);
  await context.close();
});
