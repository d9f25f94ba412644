// Turns a push-style listener into the async iterator a GraphQL subscription
// returns, with optional events to deliver first (a catch-up after a
// reconnection). The listener is attached before the catch-up is read, so an
// event that happens meanwhile is not lost; one that is both caught up and
// heard live is delivered once (by `identity`). Unsubscribes when the client
// goes away.

export function eventStream<T>(
  listen: (push: (value: T) => void) => () => void,
  first: Promise<readonly T[]> | readonly T[] = [],
  identity: (value: T) => string = () => Math.random().toString(36),
): AsyncIterableIterator<T> {
  const live: T[] = [];
  const buffer: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let caughtUp = false;
  let done = false;
  const delivered = new Set<string>();
  const deliver = (value: T) => {
    const key = identity(value);
    if (delivered.has(key)) return;
    delivered.add(key);
    const next = waiting.shift();
    if (next) next({ value, done: false });
    else buffer.push(value);
  };
  const stop = listen((value) => {
    if (done) return;
    if (caughtUp) deliver(value);
    else live.push(value);
  });
  void Promise.resolve(first).then(
    (missed) => {
      for (const value of missed) deliver(value);
      caughtUp = true;
      for (const value of live.splice(0)) deliver(value);
    },
    () => {
      caughtUp = true;
      for (const value of live.splice(0)) deliver(value);
    },
  );
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
