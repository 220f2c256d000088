package io.contrast4j.sentence;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.contrast4j.core.UserInputException;
import io.contrast4j.sentence.model.SentenceModel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one entry point to get a sentence model: {@code "minilm"} names the embedded
 * all-MiniLM-L6-v2, anything else is a HuggingFace / sentence-transformers model folder.
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
            throw new UserInputException("--model is empty: give \"minilm\" or a model folder");
        }
        if (spec.equalsIgnoreCase(MINILM)) {
            return MiniLm.load(device);
        }
        Path dir = Path.of(spec);
        if (!Files.exists(dir)) {
            throw new UserInputException("model \"" + spec + "\" is neither \"minilm\" nor an existing folder");
        }
        return HfModelFolder.load(dir, device);
    }

    public static SentenceModel load(Path dir) {
        return HfModelFolder.load(dir, Engine.getInstance().defaultDevice());
    }

    /** An encoder over {@code spec} with the given batch size. */
    public static SentenceEncoder encoder(String spec, int batchSize) {
        return new SentenceEncoder(load(spec), batchSize);
    }
}
