/**
 * The Chromium that prints PDFs (through playwright-core, which downloads no browser): $STAFFWELL_CHROMIUM, else
 * Debian's /usr/bin/chromium, or another usual path. Launched headless with a fresh profile and no network.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaffwellError } from '../errors.ts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/** The browser's path, or null when none is installed. */
export function findChromium(): string | null {
  const env = process.env.STAFFWELL_CHROMIUM;
  if (env) return existsSync(env) ? env : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  pdf(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** A headless Chromium; StaffwellError 'unsupported' (with what to install) when there is none. */
export async function launchChromium(): Promise<Browser> {
  const path = findChromium();
  if (!path)
    throw new StaffwellError('unsupported', 'no Chromium to print the PDF with', {
      field: 'pdf',
      value: process.env.STAFFWELL_CHROMIUM ?? CANDIDATES[0],
      hint: 'install it (Debian/Ubuntu: apt-get install chromium) or set STAFFWELL_CHROMIUM to a Chrome/Chromium executable; --html and --docx need no browser',
    });
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'staffwell-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: path, headless: true, args: CHROMIUM_FLAGS, offline: true });
  return {
    async pdf(html: string): Promise<Buffer> {
      const page = await context.newPage();
      try {
        await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({
          format: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          displayHeaderFooter: true,
          headerTemplate: '<div></div>',
          footerTemplate: '<div style="font-size:8pt;width:100%;text-align:center;color:#444;font-family:sans-serif"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
          margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' },
          outline: true,
          tagged: true,
        });
      } finally {
        await page.close();
      }
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
