/* Exec-storm helper for bench/exec-storm.ts, built static and copied into a throwaway image.
 *   storm rate <per-second> <seconds> [first-n]   exec itself as "x<n> <epoch-us>" at a fixed rate; each exits at once
 *   storm life <ms> <count> <gap-ms>    fork+exec itself as "l<ms>_<n>" every gap-ms; each lives <ms>
 * The exec'd copies tell what they are from argv[0], so every process has its own name (one audit each). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *self = "/storm";

static long long now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return (long long)t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

static void sleep_until(struct timespec *base, long long offset_ns) {
  struct timespec t = *base;
  t.tv_sec += offset_ns / 1000000000LL;
  t.tv_nsec += offset_ns % 1000000000LL;
  if (t.tv_nsec >= 1000000000L) {
    t.tv_sec++;
    t.tv_nsec -= 1000000000L;
  }
  clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL);
}

/* vfork: no page-table copy, so the helper itself is not what limits the rate; the child only execs. */
static int spawn(const char *name, const char *arg) {
  char *argv[] = {(char *)name, (char *)arg, NULL};
  char *envp[] = {NULL};
  pid_t pid = vfork();
  if (pid < 0) return -1;
  if (pid == 0) {
    execve(self, argv, envp);
    _exit(127);
  }
  return 0;
}

int main(int argc, char **argv) {
  const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
  if (base[0] == 'x') return 0; /* a storm process: exec seen, done */
  if (base[0] == 'l' && argc > 1) { /* a lifetime process */
    long ms = atol(argv[1]);
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
    return 0;
  }
  if (argc < 4 || (strcmp(argv[1], "life") == 0 && argc < 5)) {
    fprintf(stderr, "usage: storm rate <per-second> <seconds> [first-n] | storm life <ms> <count> <gap-ms>\n");
    return 2;
  }
  signal(SIGCHLD, SIG_IGN); /* children are reaped by the kernel */
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  char name[64], arg[32];
  long failed = 0, spawned = 0;
  if (strcmp(argv[1], "rate") == 0) {
    long rate = atol(argv[2]), total = rate * atol(argv[3]), first = argc > 4 ? atol(argv[4]) : 0;
    for (long i = 0; i < total; i++) {
      sleep_until(&start, i * (1000000000LL / rate));
      snprintf(name, sizeof name, "x%ld", first + i);
      snprintf(arg, sizeof arg, "%lld", now_us());
      if (spawn(name, arg) == 0) spawned++;
      else failed++;
    }
  } else if (strcmp(argv[1], "life") == 0) {
    long ms = atol(argv[2]), count = atol(argv[3]), gap = atol(argv[4]);
    snprintf(arg, sizeof arg, "%ld", ms);
    for (long i = 0; i < count; i++) {
      sleep_until(&start, i * gap * 1000000LL);
      snprintf(name, sizeof name, "l%ld_%ld", ms, i);
      if (spawn(name, arg) == 0) spawned++;
      else failed++;
    }
  } else {
    fprintf(stderr, "storm: unknown mode %s\n", argv[1]);
    return 2;
  }
  struct timespec end;
  clock_gettime(CLOCK_MONOTONIC, &end);
  double secs = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
  printf("{\"spawned\":%ld,\"failed\":%ld,\"seconds\":%.3f}\n", spawned, failed, secs);
  return failed > 0;
}
