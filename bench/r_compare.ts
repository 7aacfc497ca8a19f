/**
 * Side-by-side timing against R: `deno task bench-r [--reps N] [--only SUBSTRING]`.
 *
 * For each workload of bench/workloads/mod.ts: the shared data file is written to a temporary
 * folder; one Rscript process loads it and the workload's R snippet, returns its `check()` values
 * (agreement is checked first, before any timing), then our run and R's `run()` alternate N times
 * (default 5; R times itself with system.time inside its process, so start-up and data reading are
 * not counted; ours is timed with performance.now around the call in this process, after one
 * warm-up run). Printed per workload: median ours, median R, ratio ours / R (< 1: faster than R),
 * the same ratio of CPU time (user + system of the whole process: ours with V8's GC and compiler
 * threads, R's from system.time; on a shared machine it does not count the time either side waits
 * for a core, which the elapsed ratio does), the agreement line, and the load average at the time.
 * Without Rscript, or without a package a workload needs, it says so and prints ours only.
 */
import { PENDING, type Values, WORKLOADS } from "./workloads/mod.ts";
import { join } from "node:path";
import process from "node:process";

const args = Deno.args;
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
if (args.includes("--help")) {
  console.log("usage: deno task bench-r [--reps N] [--only SUBSTRING]");
  Deno.exit(0);
}
const reps = Number(opt("--reps") ?? 5);
if (!Number.isInteger(reps) || reps < 1) {
  console.error(`bench-r: option --reps: expected an integer >= 1, got ${opt("--reps")}`);
  Deno.exit(2);
}
const only = opt("--only");

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const loadavg = () => {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "n/a";
  }
};

async function haveR(pkgs: readonly string[]): Promise<string | null> {
  try {
    const code = `q(status = if (all(sapply(c(${
      pkgs.map((p) => JSON.stringify(p)).join(",")
    }), requireNamespace, quietly = TRUE))) 0 else 3)`;
    const out = await new Deno.Command("Rscript", { args: ["-e", code], stdout: "null", stderr: "null" })
      .output();
    return out.code === 0 ? null : `R package(s) missing: one of ${pkgs.join(", ")}`;
  } catch {
    return "Rscript not found (install r-base-core r-cran-glmnet r-cran-survival r-cran-riskregression)";
  }
}

/** The R side as a server: evaluates the snippet, answers "check" and "time" lines on stdin. */
const SERVER_R = `
# JSON with every double at 17 significant digits (jsonlite 1.8 writes at most 15).
json17 <- function(x) {
  if (is.list(x)) {
    if (!is.null(names(x))) {
      return(paste0("{", paste0('"', names(x), '":', vapply(x, json17, ""), collapse = ","), "}"))
    }
    return(paste0("[", paste(vapply(x, json17, ""), collapse = ","), "]"))
  }
  if (is.character(x)) return(if (length(x) == 1) jsonlite::toJSON(x, auto_unbox = TRUE) else jsonlite::toJSON(x))
  v <- ifelse(is.na(x), "null", sprintf("%.17g", as.numeric(x)))
  if (length(x) == 1 && is.null(attr(x, "vector"))) v else paste0("[", paste(v, collapse = ","), "]")
}
args <- commandArgs(TRUE); dir <- args[1]
source(args[2], local = FALSE)
con <- file("stdin", "r")
repeat {
  line <- readLines(con, n = 1)
  if (length(line) == 0 || line == "quit") break
  if (line == "check") {
    writeLines(json17(check()), file.path(dir, "r_check.json"))
    cat("OK\\n")
  } else if (line == "time") {
    gc(FALSE)
    t <- system.time(run())
    cat(sprintf("TIME %.6f %.6f\\n", t[["elapsed"]], t[["user.self"]] + t[["sys.self"]]))
  }
  flush(stdout())
}
`;

class RServer {
  #proc: Deno.ChildProcess;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #lines: AsyncIterator<string>;
  constructor(dir: string, snippet: string) {
    Deno.writeTextFileSync(join(dir, "server.R"), SERVER_R);
    Deno.writeTextFileSync(join(dir, "workload.R"), snippet);
    this.#proc = new Deno.Command("Rscript", {
      args: [join(dir, "server.R"), dir, join(dir, "workload.R")],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    this.#writer = this.#proc.stdin.getWriter();
    this.#lines = this.#proc.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(lineSplitter())[
      Symbol.asyncIterator
    ]();
  }
  async ask(cmd: string): Promise<string> {
    await this.#writer.write(new TextEncoder().encode(cmd + "\n"));
    const r = await this.#lines.next();
    if (r.done) throw new Error(`bench-r: the R process ended while answering "${cmd}"`);
    return r.value;
  }
  async close() {
    await this.#writer.write(new TextEncoder().encode("quit\n"));
    await this.#writer.close();
    await this.#proc.status;
  }
}

function lineSplitter(): TransformStream<string, string> {
  let buf = "";
  return new TransformStream({
    transform(chunk, ctl) {
      buf += chunk;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        ctl.enqueue(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    },
    flush(ctl) {
      if (buf) ctl.enqueue(buf);
    },
  });
}

const fmt = (s: number) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);
const rows: string[][] = [];
console.log(`bench-r: ${reps} alternating runs per workload; load average at start ${loadavg()}`);
for (const w of WORKLOADS) {
  if (only && !w.name.includes(only)) continue;
  const dir = Deno.makeTempDirSync({ prefix: "bench_r_" });
  try {
    w.prepare(dir);
    const missing = await haveR(w.rPackages);
    // warm-up runs (the JIT compiles the hot loops; R's functions are byte-compiled on load); the last
    // one's values are checked
    const ours: Values = w.ours();
    const timed = w.run ? () => void w.run?.() : () => void w.ours();
    for (let k = 0; k < 3; k++) timed();
    const oursT: number[] = [];
    const rT: number[] = [];
    const oursC: number[] = [];
    const rC: number[] = [];
    let agreement = "R not run";
    let server: RServer | null = null;
    if (missing) {
      console.log(`${w.name}: ${missing}; ours only`);
    } else {
      server = new RServer(dir, w.r);
      const ack = await server.ask("check");
      if (ack !== "OK") throw new Error(`bench-r: R check failed for ${w.name}: ${ack}`);
      const rv = JSON.parse(Deno.readTextFileSync(join(dir, "r_check.json"))) as Values;
      const a = w.agree(ours, rv);
      agreement = `${a.ok ? "agree" : "DISAGREE"}: ${a.detail}`;
      console.log(`${w.name}: ${agreement}`);
    }
    for (let k = 0; k < reps; k++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      timed();
      oursT.push((performance.now() - t0) / 1000);
      const c1 = process.cpuUsage(c0);
      oursC.push((c1.user + c1.system) / 1e6);
      if (server) {
        const line = await server.ask("time");
        const m = /^TIME (\S+) (\S+)$/.exec(line);
        if (!m) throw new Error(`bench-r: unexpected R answer for ${w.name}: ${line}`);
        rT.push(Number(m[1]));
        rC.push(Number(m[2]));
      }
    }
    if (server) await server.close();
    const o = median(oursT);
    const r = rT.length ? median(rT) : NaN;
    rows.push([
      w.name,
      fmt(o),
      rT.length ? fmt(r) : "-",
      rT.length ? (o / r).toFixed(2) : "-",
      rC.length
        ? `${(median(oursC) / median(rC)).toFixed(2)} (${fmt(median(oursC))} / ${fmt(median(rC))})`
        : "-",
      loadavg(),
      agreement.split(":")[0],
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}
console.log(
  "\n| workload | ours (median) | R (median) | ratio ours/R | CPU-time ratio (ours / R) | load avg | agreement |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
for (const p of PENDING) {
  if (!only || p.includes(only)) console.log(`| ${p} | not implemented yet | | | | | |`);
}
