package dev.tocsin.audience;

import dev.tocsin.platform.problem.ProblemException;
import java.io.BufferedInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Turns an uploaded CSV byte stream into characters without reading it whole: picks the
 * encoding (UTF-8 byte order mark; else strict UTF-8 on the first 64 KiB, GBK when that fails;
 * or the caller's choice), decodes bad bytes to U+FFFD so the rows holding them can be refused
 * one by one, and cuts lines longer than a limit.
 */
public final class CsvInput {

    static final Charset GBK = Charset.forName("GBK");
    static final int SAMPLE = 64 * 1024;
    /** Put where an over-long line was cut; real NULs in the input become U+FFFD instead. */
    static final char CUT = '\u0000';

    static final char BAD = '\uFFFD';

    private CsvInput() {}

    /** The decoded text and the encoding that was used. */
    public record Opened(Reader reader, Charset charset, boolean bom) {}

    public static Charset charsetParam(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            Charset c = Charset.forName(name.strip());
            if (!c.equals(StandardCharsets.UTF_8)
                    && !c.name().equals("GBK")
                    && !c.name().equals("GB18030")
                    && !c.name().equals("GB2312")) {
                throw ProblemException.badRequest("charset", "must be UTF-8, GBK, GB2312 or GB18030");
            }
            return c;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw ProblemException.badRequest("charset", "unknown charset '" + name + "'; use UTF-8 or GBK");
        }
    }

    public static Opened open(InputStream raw, Charset requested, int maxLineLength) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, SAMPLE + 16);
        in.mark(SAMPLE + 8);
        byte[] sample = in.readNBytes(SAMPLE);
        in.reset();
        if (sample.length == 0) {
            throw ProblemException.badRequest("file", "the file is empty");
        }
        boolean bom = sample.length >= 3
                && (sample[0] & 0xff) == 0xEF
                && (sample[1] & 0xff) == 0xBB
                && (sample[2] & 0xff) == 0xBF;
        if (sample.length >= 2
                && ((sample[0] & 0xff) == 0xFE && (sample[1] & 0xff) == 0xFF
                        || (sample[0] & 0xff) == 0xFF && (sample[1] & 0xff) == 0xFE)) {
            throw ProblemException.badRequest(
                    "charset", "UTF-16 files are not supported; save the file as UTF-8 or GBK");
        }
        Charset charset = requested != null
                ? requested
                : bom || isUtf8(sample, sample.length < SAMPLE) ? StandardCharsets.UTF_8 : GBK;
        if (bom && charset.equals(StandardCharsets.UTF_8)) {
            in.skipNBytes(3);
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(BAD));
        Reader reader = new LineCappingReader(new InputStreamReader(in, decoder), maxLineLength);
        return new Opened(reader, charset, bom);
    }

    /** Strict UTF-8 decoding of the sample; a sequence cut at the end of a partial sample is fine. */
    static boolean isUtf8(byte[] sample, boolean complete) {
        CharsetDecoder d = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(sample.length);
        CoderResult r = d.decode(ByteBuffer.wrap(sample), out, complete);
        if (r.isError()) {
            return false;
        }
        return !complete || !d.flush(out).isError();
    }

    /**
     * Passes characters through until a line passes {@code max}; then writes one {@link #CUT}
     * and drops everything up to the next line break, so a 5 MB line costs no memory.
     */
    static final class LineCappingReader extends FilterReader {
        private final int max;
        private int lineLength;
        private boolean cutting;

        LineCappingReader(Reader in, int max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            while (true) {
                int n = in.read(buf, off, len);
                if (n <= 0) {
                    return n;
                }
                int w = off;
                for (int i = off; i < off + n; i++) {
                    char c = buf[i];
                    if (c == '\n' || c == '\r') {
                        lineLength = 0;
                        cutting = false;
                        buf[w++] = c;
                    } else if (!cutting) {
                        if (++lineLength > max) {
                            cutting = true;
                            buf[w++] = CUT;
                        } else {
                            buf[w++] = c == CUT ? BAD : c;
                        }
                    }
                }
                if (w > off) {
                    return w - off;
                }
            }
        }
    }
}
