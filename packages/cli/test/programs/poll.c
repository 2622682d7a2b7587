/* poll_oneoff through sleep functions and poll(): each wait lasts at least
   as long as asked; poll reports writable stdout and readable stdin (the
   test feeds stdin). */
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include "report.h"

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

int main(void) {
  long long start = now_ms();
  struct timespec delay = {0, 30 * 1000000};
  REPORT("nanosleep 30ms", nanosleep(&delay, NULL));
  CHECK("nanosleep waited", now_ms() - start >= 30);

  start = now_ms();
  delay.tv_nsec = 20 * 1000000;
  REPORT("clock_nanosleep relative 20ms", clock_nanosleep(CLOCK_MONOTONIC, 0, &delay, NULL));
  CHECK("clock_nanosleep waited", now_ms() - start >= 20);

  /* start before the deadline is read: time spent between the two must not count against it. */
  start = now_ms();
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 25 * 1000000;
  if (deadline.tv_nsec >= 1000000000L) deadline.tv_sec++, deadline.tv_nsec -= 1000000000L;
  REPORT("clock_nanosleep absolute +25ms",
         clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &deadline, NULL));
  CHECK("absolute sleep waited", now_ms() - start >= 24);

  start = now_ms();
  REPORT("usleep 15ms", usleep(15000));
  CHECK("usleep waited", now_ms() - start >= 15);

  start = now_ms();
  REPORT("poll no fds 20ms", poll(NULL, 0, 20));
  CHECK("poll waited", now_ms() - start >= 20);

  struct pollfd out = {.fd = 1, .events = POLLOUT};
  REPORT("poll stdout writable", poll(&out, 1, 1000));
  CHECK("stdout revents POLLOUT", out.revents & POLLOUT);

  struct pollfd in = {.fd = 0, .events = POLLIN};
  REPORT("poll stdin readable", poll(&in, 1, 5000));
  CHECK("stdin revents POLLIN", in.revents & POLLIN);
  char buf[16];
  REPORT("read stdin", read(0, buf, sizeof buf));

  return 0;
}
