/* Error paths outside files.c: bad descriptors, seeking a pipe, paths outside
   the preopens, and wasi-libc's text for WASI errno values. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

int main(int argc, char **argv) {
  char buf[8];
  REPORT("close bad fd", close(1234));
  REPORT("read bad fd", read(1234, buf, 1));
  REPORT("fsync bad fd", fsync(1234));
  REPORT("fcntl bad fd", fcntl(1234, F_GETFL));
  REPORT("seek stdin (a pipe)", lseek(0, 0, SEEK_CUR));
  CHECK("fcntl says stdout is writable", (fcntl(1, F_GETFL) & O_WRONLY) != 0);
  REPORT("isatty stdout (a pipe)", isatty(1));
  REPORT("open relative with no preopen", open("nowhere.txt", O_RDONLY));
  REPORT("open absolute outside preopens", open("/elsewhere/x", O_RDONLY));
  if (argc > 1) {
    /* argv[1]: a preopened directory. */
    int dir = open(argv[1], O_RDONLY | O_DIRECTORY);
    REPORT("open preopen", dir >= 0 ? 0 : -1);
    char escape[300];
    snprintf(escape, sizeof escape, "%s/../outside", argv[1]);
    REPORT("open .. out of the preopen", open(escape, O_RDONLY));
    close(dir);
  }
  for (int code = 0; code <= 76; code += 19) printf("strerror %d: %s\n", code, strerror(code));
  return 0;
}
