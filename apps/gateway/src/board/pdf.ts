/** Debian's Chromium; the image installs it (no browser download at build time). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Print HTML to an A4 PDF with Chromium. One browser per document: reports are rare, and a
 * browser that never outlives its request cannot leak memory or state between coordinators.
 * The page gets no network: the report is self-contained (inline CSS and SVG).
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  // Loaded on first use: playwright-core is large, and most gateways never print a report.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, timeout: 30_000 });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;color:#555">Seite <span class="pageNumber"></span> von <span class="totalPages"></span></div>',
    });
  } finally {
    await browser.close();
  }
}
