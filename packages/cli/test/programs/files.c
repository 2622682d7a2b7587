/* Files and directories through wasi-libc: every path_* and fd_* function a
   C program reaches, with the errno values of the usual failures.
   argv[1] is the preopened directory to work in. */
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

static char path_buf[4][256];

/* Joins the work directory and NAME; up to four results stay valid at once. */
static const char *at(const char *root, const char *name) {
  static int next;
  char *buf = path_buf[next++ % 4];
  snprintf(buf, sizeof path_buf[0], "%s/%s", root, name);
  return buf;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *type_name(unsigned char type) {
  switch (type) {
  case DT_REG: return "file";
  case DT_DIR: return "dir";
  case DT_LNK: return "symlink";
  default: return "other";
  }
}

/* Lists DIR sorted by name with each entry's type. */
static void list_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    printf("opendir %s: error (%s)\n", dir, strerror(errno));
    return;
  }
  char *lines[64];
  int count = 0;
  struct dirent *entry;
  while ((entry = readdir(d)) && count < 64) {
    /* preview1 leaves "." and ".." to the host: Node omits them, others don't. */
    if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, "..")) continue;
    char line[300];
    snprintf(line, sizeof line, "%s %s", entry->d_name, type_name(entry->d_type));
    lines[count++] = strdup(line);
  }
  closedir(d);
  qsort(lines, count, sizeof lines[0], compare_names);
  printf("readdir %s:", dir);
  for (int i = 0; i < count; i++) {
    printf(" [%s]", lines[i]);
    free(lines[i]);
  }
  printf("\n");
}

static void read_whole(const char *label, const char *path) {
  int fd = open(path, O_RDONLY);
  char buf[128];
  ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
  if (n < 0) {
    printf("%s: error (%s)\n", label, strerror(errno));
  } else {
    buf[n] = 0;
    printf("%s: \"%s\"\n", label, buf);
  }
  if (fd >= 0) close(fd);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: files DIR\n");
    return 2;
  }
  const char *root = argv[1];
  struct stat st;
  char buf[64];

  /* Directories. */
  REPORT("mkdir d", mkdir(at(root, "d"), 0755));
  REPORT("mkdir d again", mkdir(at(root, "d"), 0755));
  REPORT("mkdir in missing parent", mkdir(at(root, "missing/x"), 0755));

  /* Create, write, tell. */
  int fd = open(at(root, "d/a.txt"), O_CREAT | O_WRONLY | O_TRUNC, 0644);
  REPORT("open create", fd >= 0 ? 0 : -1);
  REPORT("write", write(fd, "hello world\n", 12));
  REPORT("tell after write", lseek(fd, 0, SEEK_CUR));
  REPORT("read from write-only", read(fd, buf, 4));
  REPORT("close", close(fd));
  REPORT("close again", close(fd));

  /* Read, seek, pread, pwrite. */
  fd = open(at(root, "d/a.txt"), O_RDWR);
  REPORT("open rdwr", fd >= 0 ? 0 : -1);
  memset(buf, 0, sizeof buf);
  REPORT("read 5", read(fd, buf, 5));
  printf("read text: \"%s\"\n", buf);
  REPORT("tell", lseek(fd, 0, SEEK_CUR));
  memset(buf, 0, sizeof buf);
  REPORT("pread 5 at 6", pread(fd, buf, 5, 6));
  printf("pread text: \"%s\"\n", buf);
  REPORT("tell after pread", lseek(fd, 0, SEEK_CUR));
  REPORT("pwrite at 0", pwrite(fd, "HELLO", 5, 0));
  REPORT("tell after pwrite", lseek(fd, 0, SEEK_CUR));
  REPORT("seek end", lseek(fd, 0, SEEK_END));
  REPORT("seek end -6", lseek(fd, -6, SEEK_END));
  REPORT("seek before start", lseek(fd, -100, SEEK_SET));
  REPORT("seek past end", lseek(fd, 20, SEEK_SET));
  REPORT("write past end", write(fd, "!", 1));
  REPORT("fstat", fstat(fd, &st));
  printf("size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
  REPORT("read at end", read(fd, buf, 8));
  REPORT("ftruncate 11", ftruncate(fd, 11));
  REPORT("fstat", fstat(fd, &st));
  printf("size %lld\n", (long long)st.st_size);
  REPORT("fsync", fsync(fd));
  REPORT("fdatasync", fdatasync(fd));
  REPORT("close", close(fd));
  read_whole("contents", at(root, "d/a.txt"));
  REPORT("truncate path 5", truncate(at(root, "d/a.txt"), 5));
  read_whole("contents", at(root, "d/a.txt"));

  /* Append mode. */
  fd = open(at(root, "d/a.txt"), O_WRONLY | O_APPEND);
  REPORT("open append", fd >= 0 ? 0 : -1);
  CHECK("fcntl reports O_APPEND", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  REPORT("seek 0", lseek(fd, 0, SEEK_SET));
  REPORT("append write", write(fd, "+tail", 5));
  REPORT("close", close(fd));
  read_whole("contents", at(root, "d/a.txt"));

  /* Descriptor flags, hints and allocation. */
  fd = open(at(root, "d/a.txt"), O_RDWR);
  REPORT("fcntl set O_APPEND", fcntl(fd, F_SETFL, O_APPEND));
  CHECK("O_APPEND now set", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  REPORT("write appends", write(fd, "!", 1));
  REPORT("tell", lseek(fd, 0, SEEK_CUR));
  REPORT("fcntl clear flags", fcntl(fd, F_SETFL, 0));
  REPORT("pwrite at 0", pwrite(fd, "h", 1, 0));
  REPORT_RETURNED("posix_fadvise", posix_fadvise(fd, 0, 4, POSIX_FADV_SEQUENTIAL));
  REPORT_RETURNED("posix_fadvise bad advice", posix_fadvise(fd, 0, 4, 99));
  REPORT_RETURNED("posix_fallocate to 16", posix_fallocate(fd, 0, 16));
  REPORT("fstat", fstat(fd, &st));
  printf("size %lld\n", (long long)st.st_size);
  REPORT("ftruncate 11", ftruncate(fd, 11));
  REPORT("sched_yield", sched_yield());
  REPORT("close", close(fd));
  read_whole("contents", at(root, "d/a.txt"));

  /* stdio on top. */
  FILE *f = fopen(at(root, "d/lines.txt"), "w");
  REPORT("fopen w", f ? 0 : -1);
  for (int i = 1; i <= 3; i++) fprintf(f, "line %d\n", i);
  REPORT("fclose", fclose(f));
  f = fopen(at(root, "d/lines.txt"), "r");
  REPORT("fopen r", f ? 0 : -1);
  while (fgets(buf, sizeof buf, f)) printf("fgets: %s", buf);
  REPORT("feof", feof(f));
  fclose(f);

  /* stat of files and directories. */
  REPORT("stat d", stat(at(root, "d"), &st));
  printf("directory %d\n", S_ISDIR(st.st_mode));
  REPORT("stat d/a.txt", stat(at(root, "d/a.txt"), &st));
  printf("regular %d size %lld nlink %lld\n", S_ISREG(st.st_mode), (long long)st.st_size,
         (long long)st.st_nlink);
  struct timespec times[2] = {{1000000000, 0}, {1234567890, 0}};
  REPORT("utimensat", utimensat(AT_FDCWD, at(root, "d/a.txt"), times, 0));
  REPORT("stat", stat(at(root, "d/a.txt"), &st));
  printf("atime %lld mtime %lld\n", (long long)st.st_atim.tv_sec, (long long)st.st_mtim.tv_sec);

  /* The usual failures. */
  REPORT("open missing", open(at(root, "d/missing.txt"), O_RDONLY));
  REPORT("stat missing", stat(at(root, "nothing/here"), &st));
  REPORT("open through a file", open(at(root, "d/a.txt/x"), O_RDONLY));
  REPORT("open excl existing", open(at(root, "d/a.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644));
  REPORT("open directory for writing", open(at(root, "d"), O_WRONLY));
  REPORT("open file as directory", open(at(root, "d/a.txt"), O_RDONLY | O_DIRECTORY));
  REPORT("read bad fd", read(97, buf, 1));
  REPORT("write bad fd", write(97, buf, 1));
  REPORT("fstat bad fd", fstat(97, &st));
  fd = open(at(root, "d/a.txt"), O_RDONLY);
  REPORT("write to read-only", write(fd, "x", 1));
  close(fd);
  REPORT("rmdir a file", rmdir(at(root, "d/a.txt")));
  REPORT("rmdir missing", rmdir(at(root, "d/nothing")));
  REPORT("unlink missing", unlink(at(root, "d/nothing")));
  REPORT("opendir a file", opendir(at(root, "d/a.txt")) ? 0 : -1);

  /* rename, symlink, readlink, link. */
  REPORT("rename", rename(at(root, "d/a.txt"), at(root, "d/b.txt")));
  REPORT("stat old name", stat(at(root, "d/a.txt"), &st));
  REPORT("rename missing", rename(at(root, "d/a.txt"), at(root, "d/c.txt")));
  REPORT("symlink", symlink("b.txt", at(root, "d/link")));
  REPORT("symlink existing", symlink("b.txt", at(root, "d/link")));
  memset(buf, 0, sizeof buf);
  REPORT("readlink", readlink(at(root, "d/link"), buf, sizeof buf - 1));
  printf("readlink text: \"%s\"\n", buf);
  memset(buf, 0, sizeof buf);
  REPORT("readlink into 3 bytes", readlink(at(root, "d/link"), buf, 3));
  printf("readlink truncated text: \"%s\"\n", buf);
  REPORT("readlink a file", readlink(at(root, "d/b.txt"), buf, sizeof buf - 1));
  REPORT("lstat link", lstat(at(root, "d/link"), &st));
  printf("symlink %d\n", S_ISLNK(st.st_mode));
  REPORT("stat through link", stat(at(root, "d/link"), &st));
  printf("regular %d size %lld\n", S_ISREG(st.st_mode), (long long)st.st_size);
  read_whole("read through link", at(root, "d/link"));
  REPORT("symlink dangling", symlink("nowhere", at(root, "d/dangling")));
  REPORT("open dangling", open(at(root, "d/dangling"), O_RDONLY));
  REPORT("link", link(at(root, "d/b.txt"), at(root, "d/hard")));
  REPORT("stat b.txt", stat(at(root, "d/b.txt"), &st));
  printf("nlink %lld\n", (long long)st.st_nlink);
  read_whole("read hard link", at(root, "d/hard"));

  /* Directory listing, removal. */
  REPORT("mkdir d/sub", mkdir(at(root, "d/sub"), 0755));
  REPORT("mkdir d/sub/inner", mkdir(at(root, "d/sub/inner"), 0755));
  REPORT("rmdir non-empty", rmdir(at(root, "d/sub")));
  REPORT("unlink a directory", unlink(at(root, "d/sub")));
  list_dir(at(root, "d"));
  REPORT("rmdir d/sub/inner", rmdir(at(root, "d/sub/inner")));
  REPORT("rmdir d/sub", rmdir(at(root, "d/sub")));
  REPORT("unlink link", unlink(at(root, "d/link")));
  REPORT("unlink dangling", unlink(at(root, "d/dangling")));
  REPORT("unlink hard", unlink(at(root, "d/hard")));
  REPORT("mkdir e", mkdir(at(root, "e"), 0755));
  REPORT("rename file across", rename(at(root, "d/lines.txt"), at(root, "e/lines.txt")));
  REPORT("rename dir over file", rename(at(root, "e"), at(root, "d/b.txt")));
  list_dir(at(root, "d"));
  list_dir(root);

  /* Working directory emulated by wasi-libc on top of the preopen. */
  REPORT("chdir", chdir(at(root, "e")));
  read_whole("relative read", "lines.txt");
  return 0;
}
