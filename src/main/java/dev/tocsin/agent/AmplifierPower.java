package dev.tocsin.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Switches the amplifier through the installer's commands (a relay or GPIO script), run by
 * {@code /bin/sh -c}; after switching on it waits the warm-up so the first words are heard.
 */
final class AmplifierPower {

    private static final Logger LOG = Logger.getLogger(AmplifierPower.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

    private final Optional<String> on;
    private final Optional<String> off;
    private final Duration warmUp;
    private boolean powered;
    private volatile boolean ok = true;
    private volatile String lastError;

    AmplifierPower(Optional<String> on, Optional<String> off, Duration warmUp) {
        this.on = on;
        this.off = off;
        this.warmUp = warmUp;
    }

    void on() throws InterruptedException {
        if (powered) {
            return;
        }
        powered = true;
        if (on.isPresent() && run(on.get()) && !warmUp.isZero()) {
            Thread.sleep(warmUp.toMillis());
        }
    }

    void off() throws InterruptedException {
        if (!powered) {
            return;
        }
        powered = false;
        off.ifPresent(this::run);
    }

    boolean ok() {
        return ok;
    }

    String lastError() {
        return lastError;
    }

    private boolean run(String command) {
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return failed("amplifier command timed out after " + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                return failed("amplifier command exited with " + p.exitValue());
            }
            ok = true;
            lastError = null;
            return true;
        } catch (IOException e) {
            return failed("amplifier command could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean failed(String why) {
        LOG.warning(why);
        ok = false;
        lastError = why;
        return false;
    }
}
