package io.contrast4j.opensearch;

import io.contrast4j.search.IndexMetadata;
import io.contrast4j.search.IndexSettings;
import io.contrast4j.search.TextAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

/**
 * How a contrast4j index looks in OpenSearch: one document per passage ({@code _id} = {@code
 * <id>#<passage>}) with {@code id}, {@code passage}, {@code text} (BM25, the local index's
 * analyzer), {@code language}, user {@code fields} and a {@code knn_vector} {@code embedding}
 * (Lucene engine HNSW, inner product on unit vectors = cosine, the local M and beam width as
 * {@code m} / {@code ef_construction}). The model's name and dimension are in the mapping's
 * {@code _meta}, and an index with another model is refused, as the local index refuses one.
 */
public final class OpenSearchLayout {
    public static final String ID = "id";
    public static final String PASSAGE = "passage";
    public static final String TEXT = "text";
    public static final String LANGUAGE = "language";
    public static final String FIELDS = "fields";
    public static final String EMBEDDING = "embedding";
    static final String META_MODEL = "contrast4j_model";
    static final String META_DIMENSION = "contrast4j_dimension";
    static final String META_MODEL_SPEC = "contrast4j_model_spec";

    private OpenSearchLayout() {}

    static String docId(String id, int passage) {
        return id + "#" + passage;
    }

    static String analyzer(TextAnalyzer a) {
        return a == TextAnalyzer.ENGLISH ? "english" : "standard";
    }

    /** Creates the index for {@code metadata}'s model, or checks that the existing one has that model. */
    static void createOrCheck(OpenSearchClient client, String index, IndexMetadata metadata) {
        IndexMetadata existing = read(client, index);
        if (existing != null) {
            existing.requireModel(metadata.model(), metadata.dimension());
            return;
        }
        IndexSettings s = metadata.settings();
        Map<String, JsonData> meta = new LinkedHashMap<>();
        meta.put(META_MODEL, JsonData.of(metadata.model()));
        meta.put(META_DIMENSION, JsonData.of(metadata.dimension()));
        if (metadata.modelSpec() != null) {
            meta.put(META_MODEL_SPEC, JsonData.of(metadata.modelSpec()));
        }
        try {
            client.indices().create(c -> c.index(index)
                    .settings(st -> st.knn(true))
                    .mappings(m -> m.meta(meta)
                            .properties(ID, p -> p.keyword(k -> k))
                            .properties(PASSAGE, p -> p.integer(i -> i))
                            .properties(TEXT, p -> p.text(t -> t.analyzer(analyzer(s.analyzer()))))
                            .properties(LANGUAGE, p -> p.keyword(k -> k))
                            .properties(FIELDS, p -> p.object(o -> o))
                            .properties(EMBEDDING, p -> p.knnVector(k -> k.dimension(metadata.dimension())
                                    .method(mm -> mm.name("hnsw").engine("lucene").spaceType("innerproduct")
                                            .parameters("m", JsonData.of(s.maxConn()))
                                            .parameters("ef_construction", JsonData.of(s.beamWidth())))))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create OpenSearch index " + index, e);
        }
    }

    /** The model recorded in {@code index}'s mapping, or null when the index does not exist. */
    static IndexMetadata read(OpenSearchClient client, String index) {
        try {
            if (!client.indices().exists(e -> e.index(index)).value()) {
                return null;
            }
            TypeMapping mapping = client.indices().getMapping(g -> g.index(index)).result().get(index).mappings();
            Map<String, JsonData> meta = mapping.meta();
            if (meta == null || !meta.containsKey(META_MODEL) || !meta.containsKey(META_DIMENSION)) {
                throw new IllegalArgumentException("OpenSearch index " + index + " has no contrast4j model in its mapping _meta");
            }
            String spec = meta.containsKey(META_MODEL_SPEC) ? meta.get(META_MODEL_SPEC).to(String.class) : null;
            return new IndexMetadata(meta.get(META_MODEL).to(String.class), spec,
                    meta.get(META_DIMENSION).to(Integer.class), IndexSettings.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OpenSearch index " + index, e);
        }
    }
}
