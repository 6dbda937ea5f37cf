package dev.tocsin.audio.speech.wasm;

import com.dylibso.chicory.runtime.Memory;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The read-only file system an Emscripten program sees: the files its build embedded in linear
 * memory (espeak-ng's voice data), plus stdout captured in memory. It answers the POSIX calls the
 * program makes through {@link EmscriptenHost}; anything else is refused with an errno, so a
 * program can never reach the host's disk.
 */
final class EmbeddedFs {

    // musl/WASI errno values as Emscripten returns them.
    static final int EBADF = 8;
    static final int EINVAL = 28;
    static final int ENOENT = 44;
    static final int ENOTTY = 59;
    static final int EROFS = 69;

    private static final int O_ACCMODE = 3;
    private static final int S_IFDIR = 0x4000;
    private static final int S_IFREG = 0x8000;
    private static final int DIRENT_SIZE = 280;

    private record Entry(int address, int length) {}

    private static final class Open {
        final String path;
        final Entry file;
        final List<String> listing;
        long position;

        Open(String path, Entry file, List<String> listing) {
            this.path = path;
            this.file = file;
            this.listing = listing;
        }
    }

    private final Map<String, Entry> files = new HashMap<>();
    private final Map<String, TreeSet<String>> dirs = new HashMap<>();
    private final Map<Integer, Open> open = new HashMap<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final StringBuilder stderr = new StringBuilder();
    private int nextFd = 3;

    EmbeddedFs() {
        dirs.put("/", new TreeSet<>());
    }

    /** Reads Emscripten's table of embedded files: {name, length, content} triples, zero-ended. */
    void load(Memory memory, int table) {
        for (int p = table; memory.readInt(p) != 0; p += 12) {
            String name = normalise(memory.readCString(memory.readInt(p)));
            files.put(name, new Entry(memory.readInt(p + 8), memory.readInt(p + 4)));
            addToParents(name);
        }
    }

    byte[] stdout() {
        return stdout.toByteArray();
    }

    String stderr() {
        return stderr.toString();
    }

    int open(String rawPath, int flags) {
        if ((flags & O_ACCMODE) != 0) {
            return -EROFS;
        }
        String path = normalise(rawPath);
        Entry file = files.get(path);
        TreeSet<String> dir = dirs.get(path);
        if (file == null && dir == null) {
            return -ENOENT;
        }
        int fd = nextFd++;
        open.put(fd, new Open(path, file, dir == null ? null : dirListing(dir)));
        return fd;
    }

    int close(int fd) {
        return fd <= 2 || open.remove(fd) != null ? 0 : EBADF;
    }

    /** Bytes read into memory, or -errno. */
    long read(Memory memory, int fd, int buffer, int length) {
        Open f = open.get(fd);
        if (fd == 0) {
            return 0;
        }
        if (f == null || f.file == null) {
            return -EBADF;
        }
        int n = (int) Math.max(0, Math.min(length, f.file.length() - f.position));
        if (n > 0) {
            memory.copy(buffer, f.file.address() + (int) f.position, n);
            f.position += n;
        }
        return n;
    }

    long write(Memory memory, int fd, int buffer, int length) {
        byte[] bytes = memory.readBytes(buffer, length);
        if (fd == 1) {
            stdout.write(bytes, 0, bytes.length);
        } else if (fd == 2) {
            if (stderr.length() < 4096) {
                stderr.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
        } else {
            return -EBADF;
        }
        return length;
    }

    /** New position, or -errno. */
    long seek(int fd, long offset, int whence) {
        Open f = open.get(fd);
        if (f == null) {
            return fd <= 2 ? -EINVAL : -EBADF;
        }
        long size = f.file == null ? 0 : f.file.length();
        long base = switch (whence) {
            case 0 -> 0;
            case 1 -> f.position;
            case 2 -> size;
            default -> -1;
        };
        if (base < 0 || base + offset < 0) {
            return -EINVAL;
        }
        f.position = base + offset;
        return f.position;
    }

    int stat(Memory memory, String rawPath, int buffer) {
        String path = normalise(rawPath);
        Entry file = files.get(path);
        if (file == null && !dirs.containsKey(path)) {
            return -ENOENT;
        }
        writeStat(memory, buffer, file, path.hashCode() & 0x7fffffff);
        return 0;
    }

    int fstat(Memory memory, int fd, int buffer) {
        Open f = open.get(fd);
        if (f == null) {
            if (fd <= 2) {
                memory.fill((byte) 0, buffer, buffer + 96);
                memory.writeI32(buffer + 4, 0x2000 | 0620); // a character device, like a terminal-less pipe
                return 0;
            }
            return -EBADF;
        }
        writeStat(memory, buffer, f.file, f.path.hashCode() & 0x7fffffff);
        return 0;
    }

    /** Directory entries in Emscripten's 280-byte dirent64 layout; bytes written, or -errno. */
    int getdents(Memory memory, int fd, int buffer, int count) {
        Open f = open.get(fd);
        if (f == null || f.listing == null) {
            return -EBADF;
        }
        int written = 0;
        int index = (int) (f.position / DIRENT_SIZE);
        while (index < f.listing.size() && written + DIRENT_SIZE <= count) {
            String name = f.listing.get(index);
            String child = f.path.equals("/") ? "/" + name : f.path + "/" + name;
            int at = buffer + written;
            memory.fill((byte) 0, at, at + DIRENT_SIZE);
            memory.writeLong(at, index + 1L);
            memory.writeLong(at + 8, (index + 1L) * DIRENT_SIZE);
            memory.writeShort(at + 16, (short) DIRENT_SIZE);
            boolean isDir = name.equals(".") || name.equals("..") || dirs.containsKey(child);
            memory.writeByte(at + 18, (byte) (isDir ? 4 : 8));
            byte[] utf8 = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            memory.write(at + 19, utf8, 0, Math.min(utf8.length, 255));
            written += DIRENT_SIZE;
            index++;
        }
        f.position = (long) index * DIRENT_SIZE;
        return written;
    }

    boolean isOpen(int fd) {
        return fd <= 2 || open.containsKey(fd);
    }

    String pathOf(int fd) {
        Open f = open.get(fd);
        return f == null ? null : f.path;
    }

    private static void writeStat(Memory memory, int buffer, Entry file, int inode) {
        memory.fill((byte) 0, buffer, buffer + 96);
        memory.writeI32(buffer + 4, file == null ? S_IFDIR | 0555 : S_IFREG | 0444);
        memory.writeI32(buffer + 8, 1);
        memory.writeLong(buffer + 24, file == null ? 4096 : file.length());
        memory.writeI32(buffer + 32, 4096);
        memory.writeI32(buffer + 36, file == null ? 8 : (file.length() + 511) / 512);
        memory.writeLong(buffer + 88, inode);
    }

    private static List<String> dirListing(TreeSet<String> children) {
        List<String> listing = new ArrayList<>();
        listing.add(".");
        listing.add("..");
        listing.addAll(children);
        return listing;
    }

    private void addToParents(String path) {
        String child = path;
        while (!child.equals("/")) {
            int slash = child.lastIndexOf('/');
            String parent = slash == 0 ? "/" : child.substring(0, slash);
            dirs.computeIfAbsent(parent, k -> new TreeSet<>()).add(child.substring(slash + 1));
            child = parent;
        }
    }

    /** Absolute, without "." or ".." parts or a trailing slash. */
    static String normalise(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }
}
