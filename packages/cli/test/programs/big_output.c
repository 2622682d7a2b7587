/* Large output to a slow reader: argv[1] lines of 64 bytes on stdout (and every
   1000th also on stderr), then exit(3) through proc_exit: nothing written
   before the exit may be lost. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int count = argc > 1 ? atoi(argv[1]) : 16384;
  for (int i = 0; i < count; i++) {
    printf("line %08d %051d\n", i, i);
    if (i % 1000 == 0) fprintf(stderr, "progress %d\n", i);
  }
  exit(3);
}
