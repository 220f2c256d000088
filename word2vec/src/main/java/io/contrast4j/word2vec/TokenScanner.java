package io.contrast4j.word2vec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Splits a byte range of a file into whitespace-separated tokens the way the C word2vec tool's
 * {@code ReadWord} does: space, tab and newline separate words, a newline is also a token of its own
 * (returned as {@link #NEWLINE}, the C tool's {@code </s>}), carriage returns are ignored, and a
 * word longer than {@link #MAX_WORD_BYTES} is cut there. Reads through a fixed buffer, so memory
 * does not grow with the file.
 */
final class TokenScanner {
    static final int WORD = 1;
    static final int NEWLINE = 2;
    static final int EOF = 3;
    /** The C tool's MAX_STRING (100) less its terminating zero. */
    static final int MAX_WORD_BYTES = 99;

    private final FileChannel channel;
    private final byte[] buffer;
    private final ByteBuffer wrapped;
    private long filePosition;
    private int pos;
    private int limit;
    private boolean endOfFile;

    /** The current word's bytes, length and hash after {@link #next()} returned {@link #WORD}. */
    final byte[] word = new byte[MAX_WORD_BYTES];
    int wordLength;
    int wordHash;

    TokenScanner(FileChannel channel, int bufferSize) {
        this.channel = channel;
        this.buffer = new byte[bufferSize];
        this.wrapped = ByteBuffer.wrap(buffer);
    }

    /**
     * Moves to {@code start}. Past the file's start, a word cut by the boundary is skipped: it
     * belongs to the range before.
     */
    void seek(long start) {
        filePosition = start > 0 ? start - 1 : 0;
        pos = limit = 0;
        endOfFile = false;
        if (start > 0) {
            int b = read();
            if (b >= 0 && !isSeparator(b)) {
                while ((b = read()) >= 0 && !isSeparator(b)) {
                    // skip the rest of the partial word
                }
                if (b == '\n') pos--; // keep the newline as a token
            }
        }
    }

    private static boolean isSeparator(int b) {
        return b == ' ' || b == '\t' || b == '\n';
    }

    private int read() {
        if (pos == limit && !fill()) return -1;
        return buffer[pos++];
    }

    private boolean fill() {
        if (endOfFile) return false;
        try {
            wrapped.clear();
            int n = channel.read(wrapped, filePosition);
            if (n <= 0) {
                endOfFile = true;
                return false;
            }
            filePosition += n;
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the next token: {@link #WORD} (see {@link #word}), {@link #NEWLINE} or {@link #EOF}. */
    int next() {
        int len = 0;
        int h = 0;
        while (true) {
            if (pos == limit && !fill()) {
                if (len > 0) break;
                return EOF;
            }
            byte b = buffer[pos++];
            if (b == '\r') continue;
            if (b == ' ' || b == '\t' || b == '\n') {
                if (len > 0) {
                    if (b == '\n') pos--; // the newline is the next token
                    break;
                }
                if (b == '\n') return NEWLINE;
                continue;
            }
            if (len < MAX_WORD_BYTES) {
                word[len++] = b;
                h = 31 * h + b;
            }
        }
        wordLength = len;
        wordHash = ByteWordTable.mix(h);
        return WORD;
    }
}
