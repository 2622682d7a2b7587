/* Arguments and environment: prints argv[1..] and the environment, as given. */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv) {
  printf("argc %d\n", argc);
  for (int i = 1; i < argc; i++) printf("argv[%d] = [%s]\n", i, argv[i]);
  int count = 0;
  for (char **entry = environ; *entry; entry++) printf("env [%s]\n", *entry), count++;
  printf("environ count %d\n", count);
  const char *greeting = getenv("GREETING");
  printf("GREETING %s\n", greeting ? greeting : "(unset)");
  const char *unset = getenv("SURELY_UNSET");
  printf("SURELY_UNSET %s\n", unset ? unset : "(unset)");
  return 0;
}
