package io.contrast4j.data.corpora;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a one-document-per-line UTF-8 file, cleaning each document and counting documents and
 * words. It writes to a temporary name and moves it into place on {@link #commit()}, so that an
 * interrupted run never leaves a half-written output that looks complete.
 */
final class DocumentWriter implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final BufferedWriter out;
    private long documents;
    private long words;
    private boolean committed;

    DocumentWriter(Path target) throws IOException {
        this.target = target;
        this.temp = target.resolveSibling(target.getFileName() + ".partial");
        this.out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
    }

    /** Cleans and writes one document; an empty document after cleaning is dropped. */
    void write(String rawText) throws IOException {
        String text = TextCleaner.clean(rawText);
        if (text.isEmpty()) return;
        out.write(text);
        out.write('\n');
        documents++;
        words += TextCleaner.countWords(text);
    }

    long documents() {
        return documents;
    }

    long words() {
        return words;
    }

    /** Finishes the file and moves it to its final name. */
    void commit() throws IOException {
        out.close();
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            out.close();
            Files.deleteIfExists(temp);
        }
    }
}
