// A deadline for a promise that may never settle (a GPU that stops answering): the run ends with a
// clear error instead of waiting for ever.

/** `promise`'s outcome, or a rejection with `error()` if it has not settled within `ms`; the timer goes once it settles. */
export function within<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
