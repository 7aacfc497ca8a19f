/**
 * Runtime support of the headless engine, imported by the module it generates from a notebook.
 *
 * It routes everything a cell prints or displays to a capture file (JSON lines, one event each,
 * written synchronously so that order is kept and nothing is lost when the process dies):
 * `{"cell": i}` when cell i starts, `{"stream": "stdout"|"stderr", "text": …}` for console output,
 * `{"display": {mime: text}}` for rich displays, `{"done": true}` at the end.
 */
import type { MimeBundle } from "./display.ts";

const capture = Deno.env.get("NOMOGRAM_CAPTURE");
if (!capture) {
  throw new Error(
    "headless prelude: NOMOGRAM_CAPTURE is not set (run notebooks through `deno task reproduce`)",
  );
}

function emit(event: Record<string, unknown>): void {
  Deno.writeTextFileSync(capture!, JSON.stringify(event) + "\n", { append: true });
}

function format(args: unknown[]): string {
  return args.map((a) => (typeof a === "string" ? a : Deno.inspect(a, { colors: false, depth: 6 }))).join(
    " ",
  ) + "\n";
}

const streams: Record<string, "stdout" | "stderr"> = {
  log: "stdout",
  info: "stdout",
  debug: "stdout",
  warn: "stderr",
  error: "stderr",
};
for (const [m, s] of Object.entries(streams)) {
  (console as unknown as Record<string, (...a: unknown[]) => void>)[m] = (...args: unknown[]) =>
    emit({ stream: s, text: format(args) });
}
(globalThis as { __nomogramDisplay?: (b: MimeBundle) => void }).__nomogramDisplay = (bundle: MimeBundle) =>
  emit({ display: bundle });

// If the engine that started us is killed, stop too, so an orphaned notebook cannot write into a
// staging folder after a later run has removed it.
const parentPid = Deno.ppid;
const watchdog = setInterval(() => {
  if (Deno.ppid !== parentPid) Deno.exit(130);
}, 200);
Deno.unrefTimer(watchdog);

/** Mark the start of code cell `index` (index among all cells of the notebook). */
export function __nbCell(index: number): void {
  emit({ cell: index });
}

/** Mark the normal end of the notebook. */
export function __nbDone(): void {
  emit({ done: true });
}
