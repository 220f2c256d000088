package io.contrast4j.word2vec;

/**
 * Word indexes of a corpus byte range: each token becomes its vocabulary index, a newline becomes
 * index 0 ({@code </s>}), an out-of-vocabulary word {@link #UNKNOWN}. Counts the in-vocabulary
 * tokens read (newlines included), which is how the C tool measures progress.
 */
final class TokenReader {
    /** The C tool's MAX_SENTENCE_LENGTH: longer lines are cut into pieces of this many kept words. */
    static final int MAX_SENTENCE_LENGTH = 1000;
    static final int UNKNOWN = -1;
    static final int END = -2;

    private final TokenScanner scanner;
    private final Vocabulary vocab;
    private long wordsRead;
    private boolean atEnd;

    TokenReader(TokenScanner scanner, Vocabulary vocab) {
        this.scanner = scanner;
        this.vocab = vocab;
    }

    void seek(long start) {
        scanner.seek(start);
        wordsRead = 0;
        atEnd = false;
    }

    int next() {
        int kind = scanner.next();
        if (kind == TokenScanner.EOF) {
            atEnd = true;
            return END;
        }
        if (kind == TokenScanner.NEWLINE) {
            wordsRead++;
            return 0;
        }
        int index = vocab.indexOf(scanner.word, scanner.wordLength, scanner.wordHash);
        if (index >= 0) wordsRead++;
        return index < 0 ? UNKNOWN : index;
    }

    long wordsRead() {
        return wordsRead;
    }

    boolean atEnd() {
        return atEnd;
    }
}
