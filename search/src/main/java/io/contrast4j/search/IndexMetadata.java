package io.contrast4j.search;

import io.contrast4j.core.UserInputException;
import java.util.HashMap;
import java.util.Map;

/**
 * What an index must know to be queried correctly: the embedding model (name and dimension) and
 * the settings it was built with. Stored in every Lucene commit's user data, so it is exactly as
 * durable as the documents it describes.
 *
 * @param model      {@code Embedder.name()} of the model that embedded the passages
 * @param modelSpec  how the command line loads that model again (e.g. {@code minilm} or a folder);
 *                   informational for library users
 */
public record IndexMetadata(String model, String modelSpec, int dimension, IndexSettings settings) {

    /** Version of this layout; an index written by a newer layout is refused. */
    public static final int FORMAT = 1;

    private static final String PREFIX = "contrast4j.";

    public Map<String, String> toUserData() {
        Map<String, String> data = new HashMap<>();
        data.put(PREFIX + "format", Integer.toString(FORMAT));
        data.put(PREFIX + "model", model);
        data.put(PREFIX + "model_spec", modelSpec == null ? "" : modelSpec);
        data.put(PREFIX + "dimension", Integer.toString(dimension));
        data.put(PREFIX + "similarity", "dot_product");
        data.put(PREFIX + "hnsw_m", Integer.toString(settings.maxConn()));
        data.put(PREFIX + "hnsw_beam_width", Integer.toString(settings.beamWidth()));
        data.put(PREFIX + "quantization", settings.quantization().name());
        data.put(PREFIX + "analyzer", settings.analyzer().name());
        data.put(PREFIX + "passage_tokens", Integer.toString(settings.passageTokens()));
        return data;
    }

    /** Reads the metadata of a commit; {@code where} names the index for the error message. */
    public static IndexMetadata fromUserData(Map<String, String> data, String where) {
        String format = data.get(PREFIX + "format");
        if (format == null) {
            throw new UserInputException(where + " is not a contrast4j search index (no contrast4j metadata in its last commit)");
        }
        if (Integer.parseInt(format) > FORMAT) {
            throw new UserInputException(where + " was written by a newer contrast4j (index format " + format + ", this build reads " + FORMAT + ")");
        }
        IndexSettings settings = IndexSettings.DEFAULT
                .withMaxConn(Integer.parseInt(data.get(PREFIX + "hnsw_m")))
                .withBeamWidth(Integer.parseInt(data.get(PREFIX + "hnsw_beam_width")))
                .withQuantization(VectorQuantization.valueOf(data.get(PREFIX + "quantization")))
                .withAnalyzer(TextAnalyzer.valueOf(data.get(PREFIX + "analyzer")))
                .withPassageTokens(Integer.parseInt(data.get(PREFIX + "passage_tokens")));
        String spec = data.get(PREFIX + "model_spec");
        return new IndexMetadata(data.get(PREFIX + "model"), spec == null || spec.isEmpty() ? null : spec,
                Integer.parseInt(data.get(PREFIX + "dimension")), settings);
    }

    /** Refuses an embedder other than the one that built the index (name and dimension must match). */
    public void requireModel(String otherModel, int otherDimension) {
        if (!model.equals(otherModel) || dimension != otherDimension) {
            throw new ModelMismatchException("the index was embedded with model '" + model + "' (dimension " + dimension
                    + ") but the query was embedded with '" + otherModel + "' (dimension " + otherDimension
                    + "); query with the index's model or rebuild the index");
        }
    }
}
