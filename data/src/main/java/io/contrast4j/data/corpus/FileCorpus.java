package io.contrast4j.data.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.contrast4j.core.Corpus;
import io.contrast4j.core.Document;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.BoundedLineReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A corpus in one file, in one of the concrete {@link CorpusFormat}s, plain or gzip. Each call to
 * {@link #documents()} opens the file and streams it: nothing is loaded whole, and the stream must
 * be closed. Document ids are {@code <idPrefix>:<line>} (the first line of the document), or the
 * JSONL object's {@code id} when it has one.
 */
public final class FileCorpus implements Corpus {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final CorpusFormat format;
    private final String language;
    private final String idPrefix;

    /**
     * @param format   LINES, PARAGRAPHS or JSONL (use {@link Corpora#open} for detection)
     * @param language ISO 639-1 code given to documents that do not carry their own
     * @param idPrefix prefix of generated ids, usually the file name
     */
    public FileCorpus(Path file, CorpusFormat format, String language, String idPrefix) {
        if (format == CorpusFormat.AUTO) throw new IllegalArgumentException("resolve AUTO with Corpora.detect first");
        this.file = Objects.requireNonNull(file);
        this.format = Objects.requireNonNull(format);
        this.language = Objects.requireNonNull(language);
        this.idPrefix = Objects.requireNonNull(idPrefix);
    }

    public Path file() {
        return file;
    }

    public CorpusFormat format() {
        return format;
    }

    @Override
    public String name() {
        return file.getFileName().toString();
    }

    @Override
    public Stream<Document> documents() {
        BoundedLineReader reader = CorpusFiles.open(file);
        Iterator<Document> it = switch (format) {
            case LINES -> new LineIterator(reader);
            case PARAGRAPHS -> new ParagraphIterator(reader);
            case JSONL -> new JsonlIterator(reader);
            case AUTO -> throw new IllegalStateException();
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** Reads ahead one document; subclasses fill {@link #next} from {@link #advance()}. */
    private abstract class ReadAhead implements Iterator<Document> {
        final BoundedLineReader reader;
        long line;
        private Document next;
        private boolean done;

        ReadAhead(BoundedLineReader reader) {
            this.reader = reader;
        }

        String readLine() {
            try {
                String l = reader.readLine();
                line = reader.lineNumber();
                return l;
            } catch (IOException e) {
                throw CorpusFiles.readFailure(file, line + 1, e);
            }
        }

        abstract Document advance();

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = advance();
                done = next == null;
            }
            return next != null;
        }

        @Override
        public Document next() {
            if (!hasNext()) throw new NoSuchElementException();
            Document d = next;
            next = null;
            return d;
        }
    }

    private final class LineIterator extends ReadAhead {
        LineIterator(BoundedLineReader r) {
            super(r);
        }

        @Override
        Document advance() {
            for (String l; (l = readLine()) != null; ) {
                String text = l.strip();
                if (!text.isEmpty()) return new Document(idPrefix + ":" + line, text, language);
            }
            return null;
        }
    }

    private final class ParagraphIterator extends ReadAhead {
        ParagraphIterator(BoundedLineReader r) {
            super(r);
        }

        @Override
        Document advance() {
            StringBuilder text = new StringBuilder();
            long first = -1;
            for (String l; (l = readLine()) != null; ) {
                if (l.isBlank()) {
                    if (first >= 0) break;
                    continue;
                }
                if (first < 0) first = line;
                else text.append('\n');
                text.append(l.strip());
                if (text.length() > reader.maxLineBytes()) {
                    // a paragraph is one document: the same cap bounds it, whatever its line count
                    throw new UserInputException(file + ":" + first + ": paragraph longer than " + reader.maxLineBytes()
                            + " characters (lines " + first + "-" + line + "; raise the limit with --max-line-bytes)");
                }
            }
            return first < 0 ? null : new Document(idPrefix + ":" + first, text.toString(), language);
        }
    }

    private final class JsonlIterator extends ReadAhead {
        JsonlIterator(BoundedLineReader r) {
            super(r);
        }

        @Override
        Document advance() {
            for (String l; (l = readLine()) != null; ) {
                if (l.isBlank()) continue;
                return parse(l);
            }
            return null;
        }

        private Document parse(String l) {
            String text = null, id = null, lang = null;
            try (JsonParser p = JSON.createParser(l)) {
                if (p.nextToken() != JsonToken.START_OBJECT) throw malformed("expected a JSON object");
                for (JsonToken t; (t = p.nextToken()) != JsonToken.END_OBJECT; ) {
                    if (t == null) throw malformed("unterminated JSON object");
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (field) {
                        case "text" -> {
                            if (v != JsonToken.VALUE_STRING) throw malformed("\"text\" must be a string");
                            text = p.getText();
                        }
                        case "id" -> {
                            if (v.isScalarValue() && v != JsonToken.VALUE_NULL) id = p.getText();
                            else p.skipChildren();
                        }
                        case "lang", "language" -> {
                            if (v == JsonToken.VALUE_STRING) lang = p.getText();
                            else p.skipChildren();
                        }
                        default -> p.skipChildren();
                    }
                }
                if (p.nextToken() != null) throw malformed("more than one JSON value on the line");
            } catch (IOException e) {
                String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
                throw malformed("invalid JSON: " + msg);
            }
            if (text == null) throw malformed("no \"text\" field");
            return new Document(id != null ? id : idPrefix + ":" + line, text, lang != null ? lang : language);
        }

        private UserInputException malformed(String cause) {
            return new UserInputException(file + ":" + line + ": " + cause);
        }
    }
}
