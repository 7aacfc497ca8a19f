/**
 * Content hashes of files: lower-case hex SHA-256 (FIPS 180-4) via the Web Crypto API. The primitive
 * behind content-keyed caches (lib/radiomics/batch.ts, studies/bi2025/twin/run_inputs.ts) and provenance.
 */

/** Lower-case hex SHA-256 of bytes. */
export async function sha256Hex(data: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Lower-case hex SHA-256 of a file's bytes (the same digest as `sha256sum FILE`). Errors name the file.
 * Results are memoised per path, size and modification time within the process, so a batch that hashes
 * the same image twice reads it once.
 */
export async function sha256File(path: string): Promise<string> {
  let st: Deno.FileInfo;
  try {
    st = await Deno.stat(path);
  } catch (e) {
    throw new Error(`${path}: cannot read file (${(e as Error).message})`);
  }
  const key = `${path}\u0000${st.size}\u0000${st.mtime?.getTime() ?? 0}\u0000${st.ino ?? 0}`;
  const hit = memo.get(key);
  if (hit) return hit;
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    throw new Error(`${path}: cannot read file (${(e as Error).message})`);
  }
  const h = await sha256Hex(bytes);
  if (memo.size > 10_000) memo.clear();
  memo.set(key, h);
  return h;
}

const memo = new Map<string, string>();
