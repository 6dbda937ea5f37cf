package dev.tocsin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionKeyConfigSourceFactoryTest {

    @TempDir
    Path dataDir;

    @Test
    void firstStartGeneratesAKeyOnlyTheOwnerCanReadAndLaterStartsReuseIt() throws Exception {
        String first = SessionKeyConfigSourceFactory.loadOrCreate(dataDir);
        Path file = dataDir.resolve(SessionKeyConfigSourceFactory.KEY_FILE);
        assertThat(first).hasSizeGreaterThanOrEqualTo(32);
        assertThat(Files.readString(file).trim()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(SessionKeyConfigSourceFactory.loadOrCreate(dataDir)).isEqualTo(first);
    }

    @Test
    void anotherDataDirectoryGetsAnotherKey(@TempDir Path other) {
        assertThat(SessionKeyConfigSourceFactory.loadOrCreate(other))
                .isNotEqualTo(SessionKeyConfigSourceFactory.loadOrCreate(dataDir));
    }
}
