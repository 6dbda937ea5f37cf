package dev.tocsin.audio.speech.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The host side of an Emscripten build of a command-line program: the few C library calls it
 * imports (files, stdout, clock, heap growth, exit), answered from an {@link EmbeddedFs}. Each
 * signature is taken from the module's own import section, so a mismatch fails at link time.
 * One host per run: the program's exit status and output are per instance.
 */
final class EmscriptenHost {

    /** Thrown by {@code exit()} to unwind the program's stack. */
    static final class Exit extends RuntimeException {
        final int status;

        Exit(int status) {
            super("exit(" + status + ")", null, false, false);
            this.status = status;
        }
    }

    private static final int AT_FDCWD = -100;

    final EmbeddedFs fs = new EmbeddedFs();

    List<ImportFunction> functions(WasmModule module) {
        Map<String, WasmFunctionHandle> handlers = handlers();
        List<ImportFunction> out = new ArrayList<>();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            if (module.importSection().getImport(i) instanceof FunctionImport imp) {
                WasmFunctionHandle handler = handlers.get(imp.name());
                if (handler == null) {
                    throw new IllegalStateException("unsupported import " + imp.module() + "." + imp.name());
                }
                FunctionType type = module.typeSection().getType(imp.typeIndex());
                out.add(new HostFunction(imp.module(), imp.name(), type, handler));
            }
        }
        return out;
    }

    private Map<String, WasmFunctionHandle> handlers() {
        return Map.ofEntries(
                Map.entry("__assert_fail", (inst, a) -> {
                    Memory m = inst.memory();
                    throw new IllegalStateException("assertion failed: " + m.readCString((int) a[0]) + " at "
                            + m.readCString((int) a[1]) + ":" + a[2]);
                }),
                Map.entry("exit", (inst, a) -> {
                    throw new Exit((int) a[0]);
                }),
                Map.entry("emscripten_memcpy_js", (inst, a) -> {
                    inst.memory().copy((int) a[0], (int) a[1], (int) a[2]);
                    return null;
                }),
                Map.entry("emscripten_date_now", (inst, a) -> doubleResult(System.currentTimeMillis())),
                Map.entry("_emscripten_get_now_is_monotonic", (inst, a) -> new long[] {1}),
                Map.entry("emscripten_get_now", (inst, a) -> doubleResult(System.nanoTime() / 1e6)),
                Map.entry("emscripten_resize_heap", (inst, a) -> new long[] {grow(inst.memory(), a[0] & 0xffffffffL)}),
                Map.entry("_emscripten_fs_load_embedded_files", (inst, a) -> {
                    fs.load(inst.memory(), (int) a[0]);
                    return null;
                }),
                Map.entry("__syscall_openat", (inst, a) -> {
                    String path = path(inst.memory(), (int) a[0], (int) a[1]);
                    return new long[] {path == null ? -EmbeddedFs.EBADF : fs.open(path, (int) a[2])};
                }),
                Map.entry("__syscall_fcntl64", (inst, a) -> new long[] {fs.isOpen((int) a[0]) ? 0 : -EmbeddedFs.EBADF}),
                Map.entry("__syscall_ioctl", (inst, a) -> new long[] {-EmbeddedFs.ENOTTY}),
                Map.entry("__syscall_getdents64", (inst, a) ->
                        new long[] {fs.getdents(inst.memory(), (int) a[0], (int) a[1], (int) a[2])}),
                Map.entry("__syscall_unlinkat", (inst, a) -> new long[] {-EmbeddedFs.EROFS}),
                Map.entry("__syscall_rmdir", (inst, a) -> new long[] {-EmbeddedFs.EROFS}),
                Map.entry("__syscall_fstat64", (inst, a) ->
                        new long[] {fs.fstat(inst.memory(), (int) a[0], (int) a[1])}),
                Map.entry("__syscall_stat64", (inst, a) ->
                        new long[] {fs.stat(inst.memory(), inst.memory().readCString((int) a[0]), (int) a[1])}),
                Map.entry("__syscall_lstat64", (inst, a) ->
                        new long[] {fs.stat(inst.memory(), inst.memory().readCString((int) a[0]), (int) a[1])}),
                Map.entry("__syscall_newfstatat", (inst, a) -> {
                    String path = path(inst.memory(), (int) a[0], (int) a[1]);
                    return new long[] {path == null ? -EmbeddedFs.EBADF : fs.stat(inst.memory(), path, (int) a[2])};
                }),
                Map.entry("fd_write", (inst, a) -> new long[] {transfer(inst, a, true)}),
                Map.entry("fd_read", (inst, a) -> new long[] {transfer(inst, a, false)}),
                Map.entry("fd_close", (inst, a) -> new long[] {fs.close((int) a[0])}),
                Map.entry("fd_seek", this::seek),
                Map.entry("environ_sizes_get", (inst, a) -> {
                    inst.memory().writeI32((int) a[0], 0);
                    inst.memory().writeI32((int) a[1], 0);
                    return new long[] {0};
                }),
                Map.entry("environ_get", (inst, a) -> new long[] {0}));
    }

    /** WASI fd_read / fd_write over an iovec array; returns a WASI errno, count stored at a[3]. */
    private long transfer(Instance inst, long[] a, boolean write) {
        Memory m = inst.memory();
        int fd = (int) a[0];
        int iovs = (int) a[1];
        long total = 0;
        for (int i = 0; i < (int) a[2]; i++) {
            int buffer = m.readInt(iovs + 8 * i);
            int length = m.readInt(iovs + 8 * i + 4);
            long n = write ? fs.write(m, fd, buffer, length) : fs.read(m, fd, buffer, length);
            if (n < 0) {
                return -n;
            }
            total += n;
            if (n < length) {
                break;
            }
        }
        m.writeI32((int) a[3], (int) total);
        return 0;
    }

    /** fd_seek with a 64-bit offset, either as one i64 or (without BigInt support) two i32 halves. */
    private long[] seek(Instance inst, long... a) {
        boolean split = a.length == 5;
        long offset = split ? (a[1] & 0xffffffffL) | (a[2] << 32) : a[1];
        int whence = (int) a[split ? 3 : 2];
        int result = (int) a[split ? 4 : 3];
        long position = fs.seek((int) a[0], offset, whence);
        if (position < 0) {
            return new long[] {-position};
        }
        inst.memory().writeLong(result, position);
        return new long[] {0};
    }

    private String path(Memory memory, int dirFd, int pathAddress) {
        String path = memory.readCString(pathAddress);
        if (path.startsWith("/") || dirFd == AT_FDCWD) {
            return path;
        }
        String dir = fs.pathOf(dirFd);
        return dir == null ? null : dir + "/" + path;
    }

    private static long grow(Memory memory, long requestedBytes) {
        long pages = (requestedBytes + Memory.PAGE_SIZE - 1) / Memory.PAGE_SIZE;
        long more = pages - memory.pages();
        if (more <= 0) {
            return 1;
        }
        return memory.grow((int) more) < 0 ? 0 : 1;
    }

    private static long[] doubleResult(double value) {
        return new long[] {Double.doubleToRawLongBits(value)};
    }
}
