/* poll() on standard input while it is still empty, then once input has
   arrived: the host must look at the stream, not answer "ready" at once.
   The test sends input only after "waiting for input" has been printed. */
#include <poll.h>
#include <unistd.h>

#include "report.h"

int main(void) {
  struct pollfd in = {.fd = 0, .events = POLLIN};
  REPORT("poll empty stdin for 300ms", poll(&in, 1, 300));
  printf("waiting for input\n");
  fflush(stdout);
  in.revents = 0;
  REPORT("poll stdin for 20s", poll(&in, 1, 20000));
  CHECK("stdin revents POLLIN", in.revents & POLLIN);
  char buf[64];
  ssize_t n = read(0, buf, sizeof buf);
  printf("read %d bytes: %.*s", (int)n, n > 0 ? (int)n : 0, buf);
  return 0;
}
