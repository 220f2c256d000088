package io.contrast4j.data.corpus;

import io.contrast4j.core.Corpus;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.BoundedLineReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Opens user corpora: a file in any {@link CorpusFormat} (plain or gzip), or a folder whose files
 * (recursively, hidden files skipped, in path order) make one corpus.
 */
public final class Corpora {
    /** How many lines {@link #detect} looks at. */
    static final int SAMPLE_LINES = 1000;

    private Corpora() {}

    /** Opens with format detection and language {@code en}. */
    public static Corpus open(Path path) {
        return open(path, CorpusFormat.AUTO, "en");
    }

    public static Corpus open(Path path, CorpusFormat format) {
        return open(path, format, "en");
    }

    /**
     * Opens a corpus file or folder. With {@link CorpusFormat#AUTO} each file's format is detected
     * ({@link #detect}). {@code language} is given to documents that do not name their own.
     */
    public static Corpus open(Path path, CorpusFormat format, String language) {
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> !isHidden(path.relativize(p)))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
            }
            if (files.isEmpty()) throw new UserInputException("corpus folder " + path + " holds no files");
            return new DirectoryCorpus(path.getFileName() == null ? path.toString() : path.getFileName().toString(),
                    files.stream().map(f -> file(f, format, language, path.relativize(f).toString())).toList());
        }
        if (!Files.isRegularFile(path)) throw new UserInputException("corpus not found: " + path.toAbsolutePath());
        return file(path, format, language, path.getFileName().toString());
    }

    private static FileCorpus file(Path f, CorpusFormat format, String language, String idPrefix) {
        return new FileCorpus(f, format == CorpusFormat.AUTO ? detect(f) : format, language, idPrefix);
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) return true;
        }
        return false;
    }

    /**
     * Detects a file's format from its content (after gunzip when the file starts with gzip's magic
     * bytes): JSONL when the first non-blank line is a JSON object (starts with {@code {}); otherwise
     * PARAGRAPHS when, in the first {@value #SAMPLE_LINES} lines, documents span several lines and
     * are separated by blank lines (at least two separators, and one per 100 text lines);
     * otherwise LINES. A file named {@code *.jsonl} / {@code *.ndjson} (optionally {@code .gz}) is
     * JSONL whatever its first line.
     */
    public static CorpusFormat detect(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) name = name.substring(0, name.length() - 3);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return CorpusFormat.JSONL;
        try (BoundedLineReader r = CorpusFiles.open(file)) {
            String first = null;
            int text = 0, separators = 0, continued = 0, lines = 0;
            boolean previousBlank = true, seenText = false;
            for (String l; lines < SAMPLE_LINES && (l = r.readLine()) != null; lines++) {
                boolean blank = l.isBlank();
                if (!blank && first == null) first = l.strip();
                if (blank) {
                    if (!previousBlank && seenText) separators++;
                } else {
                    text++;
                    if (!previousBlank) continued++;
                    seenText = true;
                }
                previousBlank = blank;
            }
            if (first != null && first.startsWith("{")) return CorpusFormat.JSONL;
            if (continued > 0 && separators >= 2 && separators * 100 >= text) return CorpusFormat.PARAGRAPHS;
            return CorpusFormat.LINES;
        } catch (IOException e) {
            throw CorpusFiles.readFailure(file, 0, e);
        }
    }

    /** Parses a {@code --format} option value (lines, paragraphs, jsonl, auto). */
    public static CorpusFormat parseFormat(String value) {
        try {
            return CorpusFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--format " + value + ": expected lines, paragraphs, jsonl or auto");
        }
    }
}
