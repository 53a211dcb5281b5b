/**
 * One writer at a time per database handle in this process. A local libSQL file blocks the whole
 * event loop while a second connection waits for the write lock, which would stall the holder too;
 * queuing writers here instead keeps the server responsive. Other processes and instances are
 * still serialised by the database itself.
 */
const TAILS = Symbol.for('switchyard.writeLock');
type Holder = { [TAILS]?: WeakMap<object, Promise<unknown>> };
// On globalThis: the built site and the live exercise server are two copies of this module.
const tails = ((globalThis as Holder)[TAILS] ??= new WeakMap<object, Promise<unknown>>());

/** Runs `work` after every earlier write on the same handle has settled. */
export function withWriteLock<T>(handle: object, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(handle) ?? Promise.resolve();
  const run = previous.then(work, work);
  tails.set(
    handle,
    run.catch(() => undefined),
  );
  return run;
}
