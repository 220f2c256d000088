package io.contrast4j.data.corpora;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of {@link DefaultCorpora#prepare}: the combined corpus (one document per line; null
 * when no source could be fetched), the per-source records and the manifest file.
 */
public record PreparedCorpora(Path corpus, Path manifest, List<SourceRecord> sources, long documents, long words) {
    public List<SourceRecord> failed() {
        return sources.stream().filter(s -> !s.ok()).toList();
    }

    public List<SourceRecord> available() {
        return sources.stream().filter(SourceRecord::ok).toList();
    }
}
