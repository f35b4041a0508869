// Runs an async job at most once at a time; calls made while it runs collapse into one more run afterwards.
// Screens that reload on pushed events (scan progress arrives many times a second) would otherwise pile up requests.
export function coalesce(job: () => Promise<unknown>): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void job()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return run;
}
