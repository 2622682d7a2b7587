/* random_get through getentropy and arc4random_buf: buffers are filled, and
   differ from one another (the chance of a false "no" is negligible). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"

static int distinct_bytes(const unsigned char *buf, size_t length) {
  int seen[256] = {0}, distinct = 0;
  for (size_t i = 0; i < length; i++)
    if (!seen[buf[i]]++) distinct++;
  return distinct;
}

int main(void) {
  unsigned char a[32], b[32];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  REPORT("getentropy a", getentropy(a, sizeof a));
  REPORT("getentropy b", getentropy(b, sizeof b));
  CHECK("two draws differ", memcmp(a, b, sizeof a) != 0);
  CHECK("draw is not constant", distinct_bytes(a, sizeof a) > 8);
  REPORT("getentropy over 256 bytes", getentropy(a, 257));
  static unsigned char big[16384];
  arc4random_buf(big, sizeof big);
  CHECK("16 KiB use every byte value", distinct_bytes(big, sizeof big) == 256);
  unsigned bound_ok = 1;
  for (int i = 0; i < 1000; i++) bound_ok &= arc4random_uniform(6) < 6;
  CHECK("arc4random_uniform within bound", bound_ok);
  return 0;
}
