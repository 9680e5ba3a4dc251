import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * Where a role lands after signing in: case managers on their own cases, coordinators on the
 * overview, tenant administrators on the areas.
 */
export const LANDING = { caseManager: 'Meine Fälle', coordinator: 'Übersicht', tenantAdmin: 'Bereiche' } as const;

/**
 * Sign in to the console as a person does: the access key into the field, the button, and wait
 * until the page the role lands on has its heading (German, the console's first language).
 */
export async function signIn(
  page: Page,
  hub: { url: string; token(staffKey: string): string },
  staffKey: string,
  landing: string,
): Promise<void> {
  await page.goto(`${hub.url}/console/`);
  await page.getByLabel('Zugangsschlüssel').fill(hub.token(staffKey));
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: landing }).waitFor();
}

/**
 * axe-core on the page as it is (WCAG 2.2 A/AA and best practice): the serious and critical
 * violations, each labelled with the page, for the test to collect and expect empty. Throws when
 * axe checked almost nothing (an empty or broken page would otherwise pass).
 */
export async function seriousViolations(page: Page, label: string): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  if (result.passes.length <= 10) throw new Error(`${label}: axe found only ${result.passes.length} passing rules`);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Sign in to the console through the Kreis's OpenID provider, as a person does: the console's
 * single sign-on button, the provider's sign-in form (the test provider's development form: any
 * password), back to the console, where the role's landing page has its heading.
 */
export async function signInWithProvider(page: Page, hubUrl: string, sub: string, landing: string): Promise<void> {
  await page.goto(`${hubUrl}/console/`);
  await page.getByRole('link', { name: 'Mit dem Konto Ihrer Verwaltung anmelden' }).click();
  await page.locator('input[name="login"]').fill(sub);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: landing }).waitFor();
}
