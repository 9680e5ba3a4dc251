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
 * Print HTML to a tagged A4 PDF with Chromium. One browser per document: reports are rare, and a
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
      // The document's @page rule decides the orientation (the committee report is landscape, so
      // its widest table and its charts fit) and the margins.
      preferCSSPageSize: true,
      printBackground: true,
      // Tagged: headings, tables and figures become the PDF's structure tree, with the document's
      // language, so screen readers read it (PDF/UA's basis); the outline gives bookmarks.
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;color:#555">Seite <span class="pageNumber"></span> von <span class="totalPages"></span></div>',
    });
  } finally {
    await browser.close();
  }
}
