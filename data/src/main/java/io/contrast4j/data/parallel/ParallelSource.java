package io.contrast4j.data.parallel;

import io.contrast4j.data.corpora.RegistryClient;
import io.contrast4j.data.corpora.SourceUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Where the raw (uncleaned) translation pairs of one language come from. */
public interface ParallelSource {

    /** Language code of the target side: fr, de, es. */
    String language();

    /** Registry coordinates and licences, for provenance. */
    Map<String, Object> describe();

    /**
     * Fetches the source packages (into {@code workDir}) and returns the raw pairs in source order;
     * the files read are added to {@code inputs} (for their checksums).
     */
    List<TranslationPair> read(RegistryClient client, Path workDir, List<Path> inputs)
            throws IOException, SourceUnavailableException;
}
