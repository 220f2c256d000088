package io.contrast4j.core.vector;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Buffered byte reader that knows its offset, for error messages that point into the file. */
final class ByteReader {
    private final InputStream in;
    private final byte[] buffer = new byte[WordVectorFiles.BUFFER];
    private int pos;
    private int end;
    private long consumedBefore;
    private boolean eof;

    ByteReader(InputStream in) {
        this.in = in;
    }

    long offset() {
        return consumedBefore + pos;
    }

    private boolean fill() throws IOException {
        if (pos < end) {
            return true;
        }
        if (eof) {
            return false;
        }
        consumedBefore += end;
        pos = 0;
        end = 0;
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        end = n;
        return true;
    }

    boolean atEof() throws IOException {
        return !fill();
    }

    void skip(byte b) throws IOException {
        while (fill() && buffer[pos] == b) {
            pos++;
        }
    }

    void skipWhitespace() throws IOException {
        while (fill() && (buffer[pos] == '\n' || buffer[pos] == ' ' || buffer[pos] == '\r' || buffer[pos] == '\t')) {
            pos++;
        }
    }

    /** Bytes up to (not including) the delimiter, which is consumed; null at EOF or past max. */
    byte[] readUntil(byte delimiter, int max) throws IOException {
        byte[] out = new byte[64];
        int n = 0;
        while (fill()) {
            byte b = buffer[pos++];
            if (b == delimiter) {
                return Arrays.copyOf(out, n);
            }
            if (n == max) {
                return null;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, Math.min(max, n * 2));
            }
            out[n++] = b;
        }
        return null;
    }

    boolean readFully(byte[] target) throws IOException {
        int filled = 0;
        while (filled < target.length) {
            if (!fill()) {
                return false;
            }
            int chunk = Math.min(target.length - filled, end - pos);
            System.arraycopy(buffer, pos, target, filled, chunk);
            pos += chunk;
            filled += chunk;
        }
        return true;
    }
}
