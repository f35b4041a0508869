// Waits until an element's text matches, because screens fill in after asynchronous API answers.
import type { Page } from 'playwright-core';

export async function waitForText(
  page: Page,
  selector: string,
  expected: string | RegExp,
  timeoutMs = 15_000,
): Promise<string> {
  const matches = (text: string): boolean =>
    typeof expected === 'string' ? text.includes(expected) : expected.test(text);
  const t0 = Date.now();
  let last = '';
  for (;;) {
    last =
      (await page
        .locator(selector)
        .first()
        .textContent({ timeout: timeoutMs })
        .catch(() => null)) ?? '';
    if (matches(last)) return last;
    if (Date.now() - t0 > timeoutMs) {
      throw new Error(`${selector} never showed ${String(expected)} in ${timeoutMs} ms; it shows: ${last}`);
    }
    await page.waitForTimeout(100);
  }
}
