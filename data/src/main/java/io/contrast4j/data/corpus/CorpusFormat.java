package io.contrast4j.data.corpus;

/** How a corpus file holds its documents. Any of them may be gzip-compressed. */
public enum CorpusFormat {
    /** One document per line; blank lines are skipped. */
    LINES,
    /** Documents separated by one or more blank lines; a document's lines are kept, joined by newlines. */
    PARAGRAPHS,
    /** One JSON object per line with a string field {@code text}, optional {@code id} and {@code lang}. */
    JSONL,
    /** Detect from the file: see {@link Corpora#detect}. */
    AUTO
}
