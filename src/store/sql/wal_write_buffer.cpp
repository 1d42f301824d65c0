#include "store/sql/wal_write_buffer.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <new>
#include <stdexcept>
#include <vector>

namespace sp::store {

namespace {

constexpr const char* kName = "satupintu-wal-buffer";
constexpr std::size_t kMaxBuffered = 8u << 20;

sqlite3_vfs* platform() { return static_cast<sqlite3_vfs*>(sqlite3_vfs_find(nullptr)); }

// The appended bytes not yet written: [start, start + bytes.size()) of the file.
struct Pending {
  sqlite3_int64 start = 0;
  std::vector<char> bytes;
};

// A WAL file: SQLite's handle first (SQLite passes it to the methods below), then our state,
// then the platform's own handle, which does the real work.
struct WalFile {
  sqlite3_file base;
  Pending* pending;
};
constexpr std::size_t kHeader = (sizeof(WalFile) + 15) / 16 * 16;

WalFile* wal(sqlite3_file* f) { return reinterpret_cast<WalFile*>(f); }
sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + kHeader); }

// The platform VFS writes at most 128 KiB a call (its unix write masks the length to 17 bits).
constexpr std::size_t kChunk = 120u << 10;

int flush(sqlite3_file* f) {
  Pending& p = *wal(f)->pending;
  int rc = SQLITE_OK;
  for (std::size_t at = 0; at < p.bytes.size() && rc == SQLITE_OK; at += kChunk) {
    const std::size_t n = std::min(kChunk, p.bytes.size() - at);
    rc = real(f)->pMethods->xWrite(real(f), p.bytes.data() + at, static_cast<int>(n),
                                   p.start + static_cast<sqlite3_int64>(at));
  }
  p.bytes.clear();
  return rc;
}

int wal_close(sqlite3_file* f) {
  const int flushed = flush(f);
  const int rc = real(f)->pMethods->xClose(real(f));
  delete wal(f)->pending;
  wal(f)->pending = nullptr;
  return flushed != SQLITE_OK ? flushed : rc;
}

int wal_read(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  const Pending& p = *wal(f)->pending;
  const auto end = p.start + static_cast<sqlite3_int64>(p.bytes.size());
  if (!p.bytes.empty() && offset < end && offset + amount > p.start)
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real(f)->pMethods->xRead(real(f), out, amount, offset);
}

int wal_write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  Pending& p = *wal(f)->pending;
  const auto size = static_cast<std::size_t>(amount);
  const bool appends = !p.bytes.empty() && offset == p.start + static_cast<sqlite3_int64>(p.bytes.size());
  if (!appends || p.bytes.size() + size > kMaxBuffered) {
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    p.start = offset;
  }
  if (size > kChunk) return real(f)->pMethods->xWrite(real(f), data, amount, offset);
  try {
    const char* bytes = static_cast<const char*>(data);
    p.bytes.insert(p.bytes.end(), bytes, bytes + size);
  } catch (const std::bad_alloc&) {
    return SQLITE_IOERR_NOMEM;
  }
  return SQLITE_OK;
}

int wal_truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real(f)->pMethods->xTruncate(real(f), size);
}

int wal_sync(sqlite3_file* f, int flags) {
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real(f)->pMethods->xSync(real(f), flags);
}

int wal_file_size(sqlite3_file* f, sqlite3_int64* size) {
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real(f)->pMethods->xFileSize(real(f), size);
}

int wal_lock(sqlite3_file* f, int level) { return real(f)->pMethods->xLock(real(f), level); }
int wal_unlock(sqlite3_file* f, int level) { return real(f)->pMethods->xUnlock(real(f), level); }
int wal_check_reserved(sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }

int wal_file_control(sqlite3_file* f, int op, void* arg) {
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real(f)->pMethods->xFileControl(real(f), op, arg);
}

int wal_sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int wal_device(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int wal_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
}
int wal_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void wal_shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int wal_shm_unmap(sqlite3_file* f, int remove) { return real(f)->pMethods->xShmUnmap(real(f), remove); }
int wal_fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real(f)->pMethods->xFetch(real(f), offset, amount, out);
}
int wal_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
  return real(f)->pMethods->xUnfetch(real(f), offset, p);
}

const sqlite3_io_methods kWalMethods = {
    3,           wal_close,          wal_read,         wal_write,       wal_truncate,   wal_sync,
    wal_file_size, wal_lock,         wal_unlock,       wal_check_reserved, wal_file_control, wal_sector_size,
    wal_device,  wal_shm_map,        wal_shm_lock,     wal_shm_barrier, wal_shm_unmap,  wal_fetch,
    wal_unfetch};

int vfs_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  sqlite3_vfs* os = platform();
  // Every other file is the platform's own, opened in place (this VFS's handles are larger).
  if (!(flags & SQLITE_OPEN_WAL)) return os->xOpen(os, name, f, flags, out_flags);
  f->pMethods = nullptr;
  const int rc = os->xOpen(os, name, real(f), flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  // The platform's methods must offer what ours forward to (version 3: memory-mapped reads).
  if (!real(f)->pMethods || real(f)->pMethods->iVersion < 3) {
    if (real(f)->pMethods) real(f)->pMethods->xClose(real(f));
    return SQLITE_CANTOPEN;
  }
  wal(f)->pending = new (std::nothrow) Pending;
  if (!wal(f)->pending) {
    real(f)->pMethods->xClose(real(f));
    return SQLITE_NOMEM;
  }
  f->pMethods = &kWalMethods;
  return SQLITE_OK;
}

int vfs_delete(sqlite3_vfs*, const char* name, int sync_dir) { return platform()->xDelete(platform(), name, sync_dir); }
int vfs_access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return platform()->xAccess(platform(), name, flags, out);
}
int vfs_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return platform()->xFullPathname(platform(), name, n, out);
}
void* vfs_dl_open(sqlite3_vfs*, const char* name) { return platform()->xDlOpen(platform(), name); }
void vfs_dl_error(sqlite3_vfs*, int n, char* out) { platform()->xDlError(platform(), n, out); }
void (*vfs_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return platform()->xDlSym(platform(), handle, symbol);
}
void vfs_dl_close(sqlite3_vfs*, void* handle) { platform()->xDlClose(platform(), handle); }
int vfs_randomness(sqlite3_vfs*, int n, char* out) { return platform()->xRandomness(platform(), n, out); }
int vfs_sleep(sqlite3_vfs*, int micros) { return platform()->xSleep(platform(), micros); }
int vfs_current_time(sqlite3_vfs*, double* out) { return platform()->xCurrentTime(platform(), out); }
int vfs_last_error(sqlite3_vfs*, int n, char* out) { return platform()->xGetLastError(platform(), n, out); }
int vfs_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
  return platform()->xCurrentTimeInt64(platform(), out);
}

}  // namespace

const char* wal_write_buffer_vfs() {
  static std::once_flag registered;
  static sqlite3_vfs vfs{};
  std::call_once(registered, [] {
    sqlite3_vfs* os = platform();
    if (!os || os->iVersion < 2) throw std::runtime_error("SQLite's platform VFS is too old for the WAL write buffer");
    vfs.iVersion = 2;
    vfs.szOsFile = static_cast<int>(kHeader) + os->szOsFile;
    vfs.mxPathname = os->mxPathname;
    vfs.zName = kName;
    vfs.xOpen = vfs_open;
    vfs.xDelete = vfs_delete;
    vfs.xAccess = vfs_access;
    vfs.xFullPathname = vfs_full_pathname;
    vfs.xDlOpen = vfs_dl_open;
    vfs.xDlError = vfs_dl_error;
    vfs.xDlSym = vfs_dl_sym;
    vfs.xDlClose = vfs_dl_close;
    vfs.xRandomness = vfs_randomness;
    vfs.xSleep = vfs_sleep;
    vfs.xCurrentTime = vfs_current_time;
    vfs.xGetLastError = vfs_last_error;
    vfs.xCurrentTimeInt64 = vfs_current_time_int64;
    if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) throw std::runtime_error("cannot register the WAL write buffer");
  });
  return kName;
}

std::string wal_buffered_uri(const std::string& path) {
  std::string uri = "file:";
  for (const char c : path) {
    if (c == '%') uri += "%25";
    else if (c == '?') uri += "%3f";
    else if (c == '#') uri += "%23";
    else uri += c;
  }
  return uri + "?vfs=" + wal_write_buffer_vfs();
}

}  // namespace sp::store
