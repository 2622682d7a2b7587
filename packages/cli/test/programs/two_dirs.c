/* Two preopened directories: copies argv[1] to argv[2] in chunks, then moves
   the copy back across with rename, and lists what each directory holds. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "report.h"

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: two_dirs FROM TO MOVED\n");
    return 2;
  }
  int in = open(argv[1], O_RDONLY);
  REPORT("open source", in >= 0 ? 0 : -1);
  int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
  REPORT("open destination", out >= 0 ? 0 : -1);
  char buf[4096];
  long total = 0, chunks = 0;
  ssize_t n;
  while ((n = read(in, buf, sizeof buf)) > 0) {
    if (write(out, buf, (size_t)n) != n) {
      printf("short write: %s\n", strerror(errno));
      return 1;
    }
    total += n;
    chunks++;
  }
  printf("copied %ld bytes in %ld reads\n", total, chunks);
  REPORT("close source", close(in));
  REPORT("close destination", close(out));
  REPORT("rename across preopens", rename(argv[2], argv[3]));
  REPORT("source still there", access(argv[1], F_OK));
  REPORT("destination gone", access(argv[2], F_OK));
  REPORT("moved file readable", access(argv[3], R_OK));
  return 0;
}
