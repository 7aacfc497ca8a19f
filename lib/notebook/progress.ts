/**
 * Progress of long notebook steps (bootstraps, extraction of many volumes): a callback
 * `onProgress(done, total)` that prints `[progress] <label>: 45% (900/2000), about 3 s left` to the
 * process's standard error, at most every `intervalSeconds` and at the end. It bypasses the notebook's
 * captured output, so executed notebooks stay free of timing text (and byte-identical between runs);
 * `deno task reproduce` relays these lines to the terminal.
 */

const enc = new TextEncoder();

/** Options of {@link progress}. */
export interface ProgressOptions {
  /** Minimum seconds between two lines (default 2). */
  readonly intervalSeconds?: number;
}

/** A progress callback for `label`. */
export function progress(
  label: string,
  options: ProgressOptions = {},
): (done: number, total: number) => void {
  const every = (options.intervalSeconds ?? 2) * 1000;
  const t0 = performance.now();
  let last = -Infinity;
  return (done: number, total: number) => {
    const now = performance.now();
    if (done < total && now - last < every) return;
    last = now;
    const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
    const elapsed = (now - t0) / 1000;
    const left = done > 0 && done < total
      ? `, about ${Math.ceil((elapsed * (total - done)) / done)} s left`
      : done >= total
      ? `, ${elapsed.toFixed(1)} s`
      : "";
    try {
      Deno.stderr.writeSync(enc.encode(`[progress] ${label}: ${pct}% (${done}/${total})${left}\n`));
    } catch { /* no stderr */ }
  };
}
