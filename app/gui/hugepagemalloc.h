#pragma once

/// Runs the process again, once, with glibc's malloc asked to back its large blocks with
/// transparent huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1; glibc ≥ 2.35, read only at
/// process start). Debian's kernels default THP to "madvise", so without it every fresh page of a
/// big buffer — the editor's copy of a 100 MB script, its style buffer, result chunks — is its
/// own page fault: 848 ms to open 100 MB here, 190 ms with it (bench_openfile).
/// On by default; TUSK_MALLOC_HUGETLB=0 turns it off. (An earlier 3-round bench_fetch had the
/// grid slower with it; 5 rounds measured 1.69 s with it, 1.78 s without.)
/// Returns when nothing is to be done: turned off, already set (by us or the user),
/// not glibc/Linux, or the exec failed (the process goes on as it is).
void reexecWithHugePageMalloc(char **argv);
