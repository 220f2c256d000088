package io.contrast4j.data.corpus;

import io.contrast4j.core.Corpus;
import io.contrast4j.core.Document;
import java.util.List;
import java.util.stream.Stream;

/** Several corpus files read as one, in the given order (each file in its own format). */
public final class DirectoryCorpus implements Corpus {
    private final String name;
    private final List<FileCorpus> files;

    public DirectoryCorpus(String name, List<FileCorpus> files) {
        this.name = name;
        this.files = List.copyOf(files);
    }

    public List<FileCorpus> files() {
        return files;
    }

    @Override
    public String name() {
        return name;
    }

    /** Files are opened one at a time as the stream reaches them, and closed when it moves on. */
    @Override
    public Stream<Document> documents() {
        return files.stream().flatMap(FileCorpus::documents);
    }
}
