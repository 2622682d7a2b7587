/* Reads standard input in small chunks and answers each chunk at once, with
   unbuffered writes: a host must deliver input as it arrives, not at EOF. */
#include <ctype.h>
#include <unistd.h>

int main(void) {
  char buf[8];
  long total = 0;
  ssize_t n;
  while ((n = read(0, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n; i++) buf[i] = (char)toupper((unsigned char)buf[i]);
    if (write(1, buf, (size_t)n) != n) return 3;
    total += n;
  }
  if (n < 0) return 4;
  char summary[32];
  int length = 0;
  char digits[20];
  int count = 0;
  do digits[count++] = (char)('0' + total % 10); while ((total /= 10) > 0);
  const char *prefix = "total ";
  while (*prefix) summary[length++] = *prefix++;
  while (count > 0) summary[length++] = digits[--count];
  summary[length++] = '\n';
  return write(1, summary, (size_t)length) == length ? 0 : 5;
}
