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

    /**
     * Reads the metadata of a commit; {@code where} names the index for the error message. Missing
     * or malformed fields (a partial or hand-edited commit) are a {@link UserInputException} naming
     * the field, never a NumberFormatException or NullPointerException.
     */
    public static IndexMetadata fromUserData(Map<String, String> data, String where) {
        String format = data.get(PREFIX + "format");
        if (format == null) {
            throw new UserInputException(where + " is not a contrast4j search index (no contrast4j metadata in its last commit)");
        }
        Fields f = new Fields(data, where);
        int version = f.integer("format", 1, Integer.MAX_VALUE);
        if (version > FORMAT) {
            throw new UserInputException(where + " was written by a newer contrast4j (index format " + format + ", this build reads " + FORMAT + ")");
        }
        IndexSettings settings;
        try {
            settings = IndexSettings.DEFAULT
                    .withMaxConn(f.integer("hnsw_m", 2, 512))
                    .withBeamWidth(f.integer("hnsw_beam_width", 1, 3200))
                    .withQuantization(f.constant("quantization", VectorQuantization.class))
                    .withAnalyzer(f.constant("analyzer", TextAnalyzer.class))
                    .withPassageTokens(f.integer("passage_tokens", 0, Integer.MAX_VALUE));
        } catch (UserInputException e) {
            if (e.getMessage().startsWith(where)) throw e;
            throw f.corrupt("settings are out of range (" + e.getMessage() + ")");
        }
        String spec = data.get(PREFIX + "model_spec");
        String model = data.get(PREFIX + "model");
        if (model == null || model.isBlank()) throw f.corrupt("field \"model\" is missing");
        return new IndexMetadata(model, spec == null || spec.isEmpty() ? null : spec,
                f.integer("dimension", 1, 65536), settings);
    }

    /** Typed reads of the commit's fields, each failure naming the field and the index. */
    private record Fields(Map<String, String> data, String where) {
        int integer(String field, int min, int max) {
            String v = data.get(PREFIX + field);
            if (v == null) throw corrupt("field \"" + field + "\" is missing");
            try {
                int n = Integer.parseInt(v.strip());
                if (n >= min && n <= max) return n;
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw corrupt("field \"" + field + "\" is '" + v + "', expected an integer in [" + min + ", " + max + "]");
        }

        <E extends Enum<E>> E constant(String field, Class<E> type) {
            String v = data.get(PREFIX + field);
            if (v == null) throw corrupt("field \"" + field + "\" is missing");
            try {
                return Enum.valueOf(type, v.strip());
            } catch (IllegalArgumentException e) {
                throw corrupt("field \"" + field + "\" is '" + v + "', expected one of "
                        + java.util.Arrays.toString(type.getEnumConstants()));
            }
        }

        UserInputException corrupt(String what) {
            return new UserInputException(where + ": corrupt contrast4j metadata in the last commit: " + what
                    + "; rebuild the index");
        }
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
