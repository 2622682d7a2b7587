/* Ways a program ends: `exit N`, `return N` from main, `abort` (a trap),
   `trap` (unreachable), `flush` (exit with buffered output pending). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  const char *how = argc > 1 ? argv[1] : "return";
  int code = argc > 2 ? atoi(argv[2]) : 0;
  printf("ending by %s %d\n", how, code);
  fflush(stdout);
  if (!strcmp(how, "exit")) exit(code);
  if (!strcmp(how, "abort")) abort();
  if (!strcmp(how, "trap")) __builtin_trap();
  if (!strcmp(how, "flush")) {
    printf("buffered, flushed by exit\n");
    exit(code);
  }
  return code;
}
