import { assert, assertEquals, assertThrows } from "../assert.ts";
import { ArgError, formatHelp, parseArgs } from "../../lib/io/args.ts";

Deno.test("parseArgs: typed values; mistakes are ArgErrors naming the option and the expected form", () => {
  const spec = {
    seed: { type: "number", integer: true },
    engine: { type: "string", choices: ["default", "jupyter"] },
    q: { type: "boolean" },
  } as const;
  const r = parseArgs(["--seed", "7", "--engine=jupyter", "--q"], spec);
  assertEquals(r.values.seed, 7);
  assertEquals(r.values.engine, "jupyter");
  assertEquals(r.values.q, true);
  assertThrows(() => parseArgs(["--seed", "abc"], spec), /option --seed: expected an integer, got "abc"/);
  assertThrows(() => parseArgs(["--seed", "1.5"], spec), /option --seed: expected an integer/);
  assertThrows(() => parseArgs(["--seed", "0x1A"], spec), /option --seed/);
  assertThrows(
    () => parseArgs(["--engine", "r"], spec),
    /option --engine: expected "default" or "jupyter", got "r"/,
  );
  assertThrows(() => parseArgs(["--seed"], spec), /option --seed: expected an integer after it/);
  assertThrows(() => parseArgs(["--nope"], spec), /unknown option --nope/);
  assertThrows(() => parseArgs(["--q=maybe"], spec), /option --q: a flag/);
  assert(new ArgError("x") instanceof Error);
  const help = formatHelp({ name: "t", description: "does t", options: spec });
  for (const k of ["--seed N", "--engine default|jupyter", "--q", "--help"]) assert(help.includes(k), help);
});

const TASKS: Record<string, string[]> = {
  reproduce: ["--seed", "abc"],
  score: ["--model"],
  synth: ["--seed", "1.5"],
  validate: ["--B", "0"],
  verify: ["--engine", "r"],
  conformance: ["--frobnicate"],
  extract: ["--image"],
  extract_batch: ["--manifest", "m.csv", "--workers", "x"],
  report: ["--bogus"],
  check_calculator: ["--models"],
  new_study: ["DIR", "--seed", "x"],
};

Deno.test({
  name:
    "every task: --help prints usage and its options (exit 0); a bad argument is one line, exit 2, no stack trace",
  sanitizeResources: false,
  fn: async () => {
    const root = new URL("../..", import.meta.url).pathname;
    const files = [...Deno.readDirSync(`${root}tasks`)].filter((e) => e.name.endsWith(".ts"));
    assertEquals(
      files.map((e) => e.name.slice(0, -3)).sort(),
      Object.keys(TASKS).sort(),
      "every task is listed here",
    );
    for (const [task, bad] of Object.entries(TASKS)) {
      const file = `${root}tasks/${task}.ts`;
      const help = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", file, "--help"],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const text = new TextDecoder().decode(help.stdout);
      assertEquals(help.code, 0, `${task} --help exit code`);
      assert(text.startsWith("usage: deno task") && text.includes("--help"), `${task} --help: ${text}`);
      const b = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", file, ...bad],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const err = new TextDecoder().decode(b.stderr).trim();
      assertEquals(b.code, 2, `${task} ${bad.join(" ")}: exit code (stderr ${err})`);
      assertEquals(err.split("\n").length, 1, `${task}: one line, got ${err}`);
      assert(!/\n\s+at /.test(err) && err.includes("--"), `${task}: ${err}`);
      const opt = bad.filter((a) => a.startsWith("--")).at(-1)!;
      assert(err.includes(opt), `${task}: the message names ${opt}: ${err}`);
    }
  },
});
