package io.contrast4j.sentence;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.contrast4j.core.UserInputException;
import io.contrast4j.sentence.hub.HubException;
import io.contrast4j.sentence.hub.HubModelId;
import io.contrast4j.sentence.hub.HubModelResolver;
import io.contrast4j.sentence.model.SentenceModel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one entry point to get a sentence model: {@code "minilm"} names the embedded
 * all-MiniLM-L6-v2, an existing folder is a HuggingFace / sentence-transformers model folder, and
 * {@code ORG/NAME[@REVISION]} that is not a folder is a HuggingFace Hub model, downloaded into (or
 * found in) the HuggingFace cache by {@link HubModelResolver} (HF_ENDPOINT, HF_HOME, HF_TOKEN,
 * HF_HUB_OFFLINE).
 */
public final class Models {
    private Models() {}

    static {
        io.contrast4j.sentence.djl.DjlBootstrap.ensureOffline(); // before any engine start
    }

    public static final String MINILM = "minilm";

    /** Loads {@code spec} onto the engine's default device (a GPU when one is there). */
    public static SentenceModel load(String spec) {
        return load(spec, Engine.getInstance().defaultDevice());
    }

    public static SentenceModel load(String spec, Device device) {
        if (spec == null || spec.isBlank()) {
            throw new UserInputException("model is empty: give \"minilm\", a model folder or a Hub id ORG/NAME");
        }
        if (spec.equalsIgnoreCase(MINILM)) {
            return MiniLm.load(device);
        }
        return HfModelFolder.load(resolve(spec), device);
    }

    /**
     * The local folder {@code spec} names: the folder itself when it exists, else the Hub snapshot
     * of {@code ORG/NAME[@REVISION]} (downloading it when needed). Not for {@code "minilm"}.
     */
    public static Path resolve(String spec) {
        Path dir = pathOrNull(spec);
        if (dir != null && Files.exists(dir)) {
            return dir;
        }
        if (!HubModelId.looksLikeId(spec)) {
            throw new UserInputException("model \"" + spec + "\" is neither \"minilm\", an existing folder, nor a"
                    + " HuggingFace Hub id ORG/NAME[@REVISION]");
        }
        try {
            return HubModelResolver.fromEnvironment().resolve(spec);
        } catch (HubException e) {
            if (e.status() == 401 || e.status() == 404) {
                throw new HubException(e.status(), "no folder \"" + spec + "\" here, and " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Checks that {@code spec} can name a model ({@code "minilm"}, an existing folder or the shape of
     * a Hub id) without loading or downloading anything; a one-line error otherwise.
     */
    public static void checkSpec(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new UserInputException("model is empty: give \"minilm\", a model folder or a Hub id ORG/NAME");
        }
        Path dir = pathOrNull(spec);
        if (spec.equalsIgnoreCase(MINILM) || (dir != null && Files.isDirectory(dir)) || HubModelId.looksLikeId(spec)) {
            return;
        }
        throw new UserInputException("model \"" + spec + "\" is neither \"minilm\", an existing folder, nor a"
                + " HuggingFace Hub id ORG/NAME[@REVISION]");
    }

    private static Path pathOrNull(String spec) {
        try {
            return Path.of(spec);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    public static SentenceModel load(Path dir) {
        return HfModelFolder.load(dir, Engine.getInstance().defaultDevice());
    }

    /** An encoder over {@code spec} with the given batch size. */
    public static SentenceEncoder encoder(String spec, int batchSize) {
        return new SentenceEncoder(load(spec), batchSize);
    }
}
