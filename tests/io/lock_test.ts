import { assert, assertEquals } from "../assert.ts";
import { acquireLock, LockBusyError, processAlive, readLock } from "../../lib/io/lock.ts";

/** A pid that is certainly dead: a child that has exited. */
async function deadPid(): Promise<number> {
  const p = new Deno.Command("true").spawn();
  await p.status;
  return p.pid;
}

Deno.test("lock: a second taker stops with a message naming the holder; release frees it", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/x.lock`;
  const a = await acquireLock(path, { purpose: "first" });
  const info = readLock(path);
  assert(info && info !== "partial" && info.pid === Deno.pid && info.purpose === "first", "holder recorded");
  // a second process trying the same lock stops with the holder's pid
  const code = `import { acquireLock } from "${new URL("../../lib/io/lock.ts", import.meta.url).href}";
    try { await acquireLock(${
    JSON.stringify(path)
  }, { purpose: "second" }); console.log("GOT"); } catch (e) { console.log(e.name + ": " + e.message); }`;
  const out = new TextDecoder().decode(
    (await new Deno.Command(Deno.execPath(), { args: ["eval", code] }).output()).stdout,
  );
  assert(out.includes("LockBusyError") && out.includes(`pid ${Deno.pid}`) && out.includes("first"), out);
  a.release();
  assertEquals(readLock(path), null);
  const b = await acquireLock(path, { purpose: "again" });
  b.release();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("lock: a stale lock (dead pid) is taken over; a live one is waited for", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/x.lock`;
  const pid = await deadPid();
  assert(!processAlive(pid), "child is dead");
  await Deno.writeTextFile(
    path,
    JSON.stringify({
      pid,
      started: "2020-01-01T00:00:00Z",
      procStart: "1",
      host: Deno.hostname(),
      purpose: "killed run",
    }),
  );
  const l = await acquireLock(path, { purpose: "new" });
  const info = readLock(path);
  assert(info && info !== "partial" && info.pid === Deno.pid, "taken over");
  // waiting: release after 300 ms, the waiter gets it
  let waited = false;
  setTimeout(() => l.release(), 300);
  const l2 = await acquireLock(path, {
    purpose: "waiter",
    waitMs: 5000,
    pollMs: 50,
    onWait: () => (waited = true),
  });
  assert(waited, "onWait called");
  let again: unknown;
  await acquireLock(path, { purpose: "same process twice" }).catch((e) => (again = e));
  assert(again instanceof LockBusyError, "the holder cannot take its own lock twice");
  l2.release();
  await Deno.remove(dir, { recursive: true });
});
