// Debian's Chromium, driven by playwright-core. Nothing here downloads a browser.
import { chromium, type Browser, type LaunchOptions } from "playwright-core";

export const DEFAULT_CHROMIUM_PATH = "/usr/lib/chromium/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The Chromium executable: CHROMIUM_PATH, or Debian's. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM_PATH;
}

/** A headless Chromium. Close it when done (usePage() does). */
export function openBrowser(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}
