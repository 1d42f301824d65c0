#pragma once
// A SQLite VFS that gathers what the writer appends to the write-ahead log and hands it to the
// kernel in one write, just before SQLite flushes the log to disk.
//
// Why: SQLite writes each WAL frame as two pwrite calls (the frame header and the page), and one
// action touches a dozen pages or more (the row and its indexes, the audit event, the outbox),
// so the lifecycle load made about 29 pwrite calls per request, 70,000 a second. On this
// project's virtual machines every system call costs a hypervisor round (docs/PERFORMANCE.md),
// and one batch's frames are contiguous: one write per 120 KiB (the platform VFS's largest)
// instead of two per page.
//
// Safe only where every commit syncs the log (synchronous=FULL, as the writer sets): SQLite
// publishes new frames to other connections (the wal-index) right after that sync, which is
// where the buffer is written. Without the sync, readers could look for frames still in the
// buffer. The buffer is also written before the file is read, truncated, closed, sized or
// controlled, and whenever it would pass 8 MiB. Files other than WAL files are the platform
// VFS's own, untouched.
#include <string>

namespace sp::store {

// Registers the VFS (once; not as the default) and returns its name, for a connection opened
// with that VFS (a URI filename's vfs= parameter).
const char* wal_write_buffer_vfs();

// `path` as a SQLite URI filename that opens it through the VFS above.
std::string wal_buffered_uri(const std::string& path);

}  // namespace sp::store
