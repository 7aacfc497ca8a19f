/**
 * Headless Chromium from Deno: find the browser, read a page's DOM after its scripts ran
 * (`--dump-dom`), take a screenshot, print a page to PDF. Used to check the calculator pages and the
 * report, and by `deno task report --pdf`. Chromium is optional: Debian `apt-get install chromium`.
 */

/** Names tried on PATH, in order (CHROME_PATH, when set, comes first). */
const CANDIDATES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

/** Path of a Chromium executable (CHROME_PATH or the first candidate on PATH), or null when none. */
export function findChromium(): string | null {
  const env = Deno.env.get("CHROME_PATH");
  if (env) return env;
  const path = (Deno.env.get("PATH") ?? "").split(":").filter(Boolean);
  for (const name of CANDIDATES) {
    for (const dir of path) {
      try {
        const st = Deno.statSync(`${dir}/${name}`);
        if (st.isFile) return `${dir}/${name}`;
      } catch { /* not here */ }
    }
  }
  return null;
}

const BASE_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions"];

async function run(chromium: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(chromium, {
    args: [...BASE_FLAGS, ...args],
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    const err = new TextDecoder().decode(out.stderr).trim().split("\n").slice(-3).join(" | ");
    throw new Error(`chromium ${args.at(-1)}: exit ${out.code}: ${err}`);
  }
  return text;
}

/** The serialised DOM of `url` after its scripts ran (Chromium `--dump-dom`). */
export function dumpDom(chromium: string, url: string): Promise<string> {
  return run(chromium, ["--virtual-time-budget=5000", "--dump-dom", url]);
}

/** A PNG screenshot of `url` at `width`×`height` CSS pixels into `png`. */
export async function screenshot(
  chromium: string,
  url: string,
  png: string,
  width = 1000,
  height = 1400,
): Promise<void> {
  await run(chromium, [`--window-size=${width},${height}`, "--hide-scrollbars", `--screenshot=${png}`, url]);
}

/** Print `url` to PDF (`pdf`), without the browser's header and footer. */
export async function printToPdf(chromium: string, url: string, pdf: string): Promise<void> {
  await run(chromium, [
    "--virtual-time-budget=10000",
    "--no-pdf-header-footer",
    `--print-to-pdf=${pdf}`,
    url,
  ]);
}

/** Text content of every element with an id in serialised HTML (elements without nested tags). */
export function textById(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<(\w+)[^>]*\sid="([^"]+)"[^>]*>([^<]*)<\/\1>/g)) {
    out[m[2]] = m[3].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(
      /&amp;/g,
      "&",
    );
  }
  return out;
}
