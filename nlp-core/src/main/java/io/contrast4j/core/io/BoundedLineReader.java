package io.contrast4j.core.io;

import io.contrast4j.core.UserInputException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The project's one line reader for user files: lines cut on the bytes ({@code \n}, {@code \r\n}
 * or {@code \r}), each capped at {@link #maxLineBytes()} bytes and decoded strictly on its own, so
 * that both a too-long line and a byte sequence that is not valid text are one-line errors naming
 * the file and the exact line. Unlike {@link java.io.BufferedReader#readLine()}, memory stays
 * bounded whatever the input: a file with no newline or a gzip bomb stops at the cap with a
 * {@link LineTooLongException}. A UTF-8 byte-order mark at the start is dropped.
 *
 * <p>The default cap is {@value #DEFAULT_MAX_LINE_BYTES} bytes (1 MiB); the system property
 * {@value #MAX_LINE_PROPERTY} or the environment variable {@value #MAX_LINE_ENV} change it (the
 * command line's {@code --max-line-bytes} sets the property). Not thread-safe.
 */
public final class BoundedLineReader implements Closeable {
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
    public static final String MAX_LINE_PROPERTY = "contrast4j.maxLineBytes";
    public static final String MAX_LINE_ENV = "CONTRAST4J_MAX_LINE_BYTES";

    private final InputStream in;
    private final String source;
    private CharsetDecoder decoder;
    private final boolean utf8;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int end;
    private boolean eof;
    private byte[] line = new byte[256];
    private int lineLength;
    private long lineNumber;
    private boolean skipLineFeed;

    /**
     * @param source       how errors name the input, usually the file path
     * @param maxLineBytes the longest line accepted, in bytes without its terminator
     */
    public BoundedLineReader(InputStream in, String source, Charset charset, int maxLineBytes) {
        if (maxLineBytes < 1) throw new IllegalArgumentException("maxLineBytes must be positive, got " + maxLineBytes);
        this.in = in;
        this.source = source;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.maxLineBytes = maxLineBytes;
    }

    /** Opens a UTF-8 file, gunzipping it when it starts with gzip's magic bytes, with the default cap. */
    public static BoundedLineReader open(Path file) throws IOException {
        return open(file, StandardCharsets.UTF_8, defaultMaxLineBytes());
    }

    /** Opens a file (gzip recognised by its magic bytes, not its name) with the given charset and cap. */
    public static BoundedLineReader open(Path file, Charset charset, int maxLineBytes) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString());
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new BoundedLineReader(in, file.toString(), charset, maxLineBytes);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * The cap in force: the system property {@value #MAX_LINE_PROPERTY}, else the environment
     * variable {@value #MAX_LINE_ENV}, else {@value #DEFAULT_MAX_LINE_BYTES}.
     */
    public static int defaultMaxLineBytes() {
        String value = System.getProperty(MAX_LINE_PROPERTY);
        String from = MAX_LINE_PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(MAX_LINE_ENV);
            from = MAX_LINE_ENV;
        }
        if (value == null || value.isBlank()) return DEFAULT_MAX_LINE_BYTES;
        return parseMaxLineBytes(value, from);
    }

    /** Parses a line cap ({@code 1048576}, {@code 4m}, {@code 512k}); {@code what} names the setting in errors. */
    public static int parseMaxLineBytes(String value, String what) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        if (v.endsWith("k")) unit = 1L << 10;
        else if (v.endsWith("m")) unit = 1L << 20;
        else if (v.endsWith("g")) unit = 1L << 30;
        if (unit > 1) v = v.substring(0, v.length() - 1);
        try {
            long n = Long.parseLong(v) * unit;
            if (n >= 1 && n <= Integer.MAX_VALUE - 8) return (int) n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UserInputException(what + " " + value + ": expected a byte count between 1 and 2g (e.g. 1048576, 4m)");
    }

    /**
     * Makes this reader replace byte sequences that are not valid text with U+FFFD instead of
     * failing (for tools that tolerate noisy text, like the C word2vec tool); returns this reader.
     */
    public BoundedLineReader replacingMalformedInput() {
        decoder = decoder.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return this;
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }

    /** The number of the line last returned (1-based), 0 before the first. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The length in bytes of the line last returned. */
    public int lastLineBytes() {
        return lineLength;
    }

    public String source() {
        return source;
    }

    /**
     * The next line without its terminator, or null at the end of the input.
     *
     * @throws LineTooLongException   when the line exceeds the cap (nothing past the cap is buffered)
     * @throws UserInputException     when the line is not valid text in the reader's charset
     * @throws IOException            when the underlying stream fails
     */
    public String readLine() throws IOException {
        lineLength = 0;
        boolean any = false;
        while (true) {
            if (pos == end && !fill()) {
                if (!any) return null;
                break;
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            any = true;
            int i = pos;
            while (i < end && buffer[i] != '\n' && buffer[i] != '\r') i++;
            append(i - pos);
            if (i < end) {
                skipLineFeed = buffer[i] == '\r';
                pos = i + 1;
                break;
            }
            pos = end;
        }
        lineNumber++;
        int from = 0;
        if (lineNumber == 1 && utf8 && lineLength >= 3
                && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
            from = 3; // UTF-8 byte-order mark
        }
        return decode(from);
    }

    private void append(int n) {
        if ((long) lineLength + n > maxLineBytes) {
            throw new LineTooLongException(source, lineNumber + 1, maxLineBytes);
        }
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, Math.max((long) line.length * 2, lineLength + n)));
        }
        System.arraycopy(buffer, pos, line, lineLength, n);
        lineLength += n;
    }

    private boolean fill() throws IOException {
        if (eof) return false;
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }

    private String decode(int from) {
        if (utf8) {
            boolean ascii = true;
            for (int i = from; i < lineLength && ascii; i++) ascii = line[i] >= 0;
            if (ascii) return new String(line, from, lineLength - from, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.reset().decode(ByteBuffer.wrap(line, from, lineLength - from)).toString();
        } catch (CharacterCodingException e) {
            throw new UserInputException(source + ":" + lineNumber + ": not valid " + decoder.charset().name() + " text");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
