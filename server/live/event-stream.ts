// Turns a push-style listener into the async iterator a GraphQL subscription
// returns, with optional events to deliver first (a catch-up after a
// reconnection). Unsubscribes when the client goes away.

export function eventStream<T>(
  listen: (push: (value: T) => void) => () => void,
  first: readonly T[] = [],
): AsyncIterableIterator<T> {
  const buffer: T[] = [...first];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let done = false;
  const push = (value: T) => {
    if (done) return;
    const next = waiting.shift();
    if (next) next({ value, done: false });
    else buffer.push(value);
  };
  const stop = listen(push);
  const finish = (): Promise<IteratorResult<T>> => {
    if (!done) {
      done = true;
      stop();
      for (const next of waiting.splice(0)) next({ value: undefined, done: true });
    }
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next() {
      if (buffer.length > 0) return Promise.resolve({ value: buffer.shift() as T, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: finish,
    throw(error: unknown) {
      void finish();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
