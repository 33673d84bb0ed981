/**
 * Runs tasks one at a time per key, in arrival order, while different keys run concurrently.
 * Messages of one chat must not overtake each other: the second answer depends on the first.
 */
export function createChatQueue() {
  const tails = new Map<string, Promise<unknown>>();

  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      // Forget idle chats so the map does not grow with the number of chats ever seen.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    get activeChats(): number {
      return tails.size;
    },
  };
}
