/**
 * Code loaded on first use (a dynamic `import()`), once: every caller waits for the same load,
 * and a failed load is tried again by the next caller instead of failing for good.
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
