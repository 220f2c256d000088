package io.contrast4j.cli.search;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.UserInputException;
import io.contrast4j.search.IndexMetadata;
import io.contrast4j.search.SemanticSearcher;
import java.nio.file.Path;

/** Loads the model an index records (or the one --model names), to embed queries for it. */
final class IndexModel {
    private IndexModel() {}

    /** The index's metadata, read without loading any model. */
    static IndexMetadata metadata(Path index) {
        try (SemanticSearcher s = SemanticSearcher.open(index, null)) {
            return s.metadata();
        }
    }

    /**
     * The query embedder: {@code override} when given, else the model spec the index recorded.
     * The searcher refuses it later if its name or dimension differs from the index's.
     */
    static Embedder load(IndexMetadata metadata, String override) {
        String spec = override != null ? override : metadata.modelSpec();
        if (spec == null) {
            throw new UserInputException("the index does not record how to load its model (" + metadata.model()
                    + "); pass --model, or use --mode text");
        }
        return SearchModels.load(spec, 32);
    }
}
