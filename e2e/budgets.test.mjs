// Participatory budgets in a real browser: axe finds no violation on the voting page (form,
// refusal, confirmation, receipt), the results with their explanation, the ballot list and the
// officers' forms, in Italian and English; a keyboard-only resident votes and gets a receipt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startDemo, launch, axe, tabTo, login as signIn, keyboardLogin } from './server.mjs';

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

/** The address of the first budget of a process, from the process page. */
async function budgetOf(page, slug) {
  await page.goto(`${server.base}/processes/${slug}`);
  const href = await page.getAttribute('a[href*="/budgets/"]', 'href');
  return href;
}

for (const lang of ['it', 'en']) {
  test(`axe finds no violation on the pages of participatory budgets (${lang})`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const failures = [];
    const check = async (label) => {
      const v = await axe(page);
      if (v.length) failures.push({ page: label, violations: v });
    };
    await page.goto(`${server.base}/?lang=${lang}`);
    const past = await budgetOf(page, 'bilancio-partecipativo-2025');
    const open = await budgetOf(page, 'bilancio-partecipativo-2026');
    for (const path of [past, `${past}/results`, `${past}/ballots`, `${past}/ballots?receipt=NOSUCHCODE`, open]) {
      await page.goto(server.base + path);
      await check(path);
    }
    await page.goto(`${server.base}${past}/results`);
    assert.equal(await page.locator('tr.differs').count(), 3);
    await page.screenshot({ path: `${ARTIFACTS}budget-results-${lang}.png`, fullPage: true });

    // The official: paper ballots and the project form.
    await login(page, 'funzionario@demo.example');
    await page.goto(server.base + open);
    await check('budget as its manager');
    await page.fill('#f-sheet', 'A 1!');
    await page.click('form[action$="/paper"] button[type=submit]');
    await check('paper refused');
    await page.goto(`${server.base}/processes/bilancio-partecipativo-2026`);
    await page.click('form[action$="/budgets"] button[type=submit]');
    await check('budget form refused');
    await page.screenshot({ path: `${ARTIFACTS}budget-form-refused-${lang}.png`, fullPage: true });

    // A verified resident: nothing chosen is refused; two projects are checked, confirmed, counted.
    await context.clearCookies();
    await login(page, 'cittadina@demo.example');
    await page.goto(server.base + open);
    await check('voting page');
    const boxes = page.locator('form[data-budget-total] input[type=checkbox]');
    // The Italian pass voted already: its choice comes back ticked.
    for (const box of await boxes.all()) await box.uncheck();
    await page.click('form[data-budget-total] button[type=submit]');
    assert.match(await page.textContent('.error-summary'), /progett|project/i);
    await check('ballot refused');
    await boxes.nth(1).check();
    await boxes.nth(4).check();
    assert.match(await page.textContent('#budget-used-amount'), /21[.,\u202f\u00a0]?000/);
    await page.click('form[data-budget-total] button[type=submit]');
    await check('ballot to confirm');
    await page.screenshot({ path: `${ARTIFACTS}budget-confirm-${lang}.png`, fullPage: true });
    await page.click('#confirm button[type=submit]');
    await page.waitForURL(/notice=voted/);
    await check('ballot counted');
    assert.match(await page.textContent('#receipt'), /[A-Z0-9]{10}/);
    await page.screenshot({ path: `${ARTIFACTS}budget-voted-${lang}.png`, fullPage: true });
    await context.close();
    assert.deepEqual(failures, []);
  });
}

test('a keyboard-only resident chooses projects, confirms and gets a receipt', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await keyboardLogin(page, server.base, 'cittadina@demo.example');
  const open = await budgetOf(page, 'bilancio-partecipativo-2026');
  await page.goto(server.base + open);
  // Clear what an earlier vote ticked, then tick the first project only.
  for (const box of await page.locator('form[data-budget-total] input[type=checkbox]').all()) await box.uncheck();
  const first = await tabTo(page, (e) => e.tag === 'INPUT' && e.type === 'checkbox', 200);
  await page.keyboard.press('Space');
  assert.ok(await page.isChecked(`#${first.id}`));
  await tabTo(page, (e) => e.tag === 'BUTTON' && /Check my choice/.test(e.text));
  await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
  await page.waitForSelector('#confirm');
  await tabTo(page, (e) => e.tag === 'BUTTON' && /Confirm my vote/.test(e.text));
  await Promise.all([page.waitForURL(/notice=voted/), page.keyboard.press('Enter')]);
  const receipt = (await page.textContent('#receipt')).match(/[A-Z0-9]{10}/)[0];
  // The receipt finds nothing yet in public (the list is published when the vote closes), but
  // the voter's page says it.
  assert.match(await page.textContent('main'), new RegExp(receipt));
  await context.close();
});
