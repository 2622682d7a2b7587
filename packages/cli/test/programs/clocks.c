/* clock_time_get and clock_res_get: monotonic time never goes back, real time
   is a plausible date, resolutions are positive and at most a second. */
#include <sys/time.h>
#include <time.h>

#include "report.h"

static long long nanoseconds(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
  struct timespec t1, t2, res;
  REPORT("monotonic", clock_gettime(CLOCK_MONOTONIC, &t1));
  long long previous = nanoseconds(t1), backwards = 0;
  for (int i = 0; i < 1000; i++) {
    clock_gettime(CLOCK_MONOTONIC, &t2);
    if (nanoseconds(t2) < previous) backwards++;
    previous = nanoseconds(t2);
  }
  CHECK("monotonic never goes back", backwards == 0);
  volatile unsigned spin = 0;
  for (unsigned i = 0; i < 2000000; i++) spin += i;
  clock_gettime(CLOCK_MONOTONIC, &t2);
  CHECK("monotonic advances", nanoseconds(t2) > nanoseconds(t1));

  REPORT("realtime", clock_gettime(CLOCK_REALTIME, &t1));
  /* Between 2020-01-01 and 2100-01-01. */
  CHECK("realtime plausible", t1.tv_sec > 1577836800LL && t1.tv_sec < 4102444800LL);
  CHECK("realtime nanoseconds in range", t1.tv_nsec >= 0 && t1.tv_nsec < 1000000000L);
  time_t now = time(NULL);
  CHECK("time() agrees", now >= t1.tv_sec && now - t1.tv_sec < 60);
  struct timeval tv;
  REPORT("gettimeofday", gettimeofday(&tv, NULL));
  CHECK("gettimeofday agrees", tv.tv_sec >= t1.tv_sec && tv.tv_sec - t1.tv_sec < 60);

  REPORT("res monotonic", clock_getres(CLOCK_MONOTONIC, &res));
  CHECK("res monotonic in (0, 1s]", nanoseconds(res) > 0 && nanoseconds(res) <= 1000000000LL);
  REPORT("res realtime", clock_getres(CLOCK_REALTIME, &res));
  CHECK("res realtime in (0, 1s]", nanoseconds(res) > 0 && nanoseconds(res) <= 1000000000LL);

  REPORT("process cputime", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1));
  CHECK("process cputime non-negative", nanoseconds(t1) >= 0);
  return 0;
}
