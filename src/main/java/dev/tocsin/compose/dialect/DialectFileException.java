package dev.tocsin.compose.dialect;

/** A dialect file that cannot be read; the message names the file and line. */
public class DialectFileException extends RuntimeException {

    public DialectFileException(String file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
    }
}
