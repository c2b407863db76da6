// Polls a reading until it is what the test waits for, or fails with the last value read (not a bare timeout).

export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 20_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms; last value: ${JSON.stringify(value)?.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
    value = await read();
  }
  return value;
}
