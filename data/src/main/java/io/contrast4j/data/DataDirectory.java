package io.contrast4j.data;

import io.contrast4j.core.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the evaluation datasets live: the {@code --data-dir} option when given, else the
 * environment variable {@value #ENV}. The folder is laid out as {@code <root>/senteval/...}
 * (SentEval's own layout) and {@code <root>/wordsim/...}; see {@link SentEvalLayout}.
 */
public final class DataDirectory {
    /** The environment variable that points at the datasets folder. */
    public static final String ENV = "CONTRAST4J_DATA";

    private DataDirectory() {}

    /**
     * The datasets folder: {@code optionOrNull} (the {@code --data-dir} option) if given, else
     * {@value #ENV}. Throws a {@link UserInputException} naming both when neither is set, or naming
     * the folder when it does not exist.
     */
    public static Path resolve(Path optionOrNull) {
        if (optionOrNull != null) {
            if (!Files.isDirectory(optionOrNull)) {
                throw new UserInputException("--data-dir " + optionOrNull + ": folder not found");
            }
            return optionOrNull;
        }
        String env = System.getenv(ENV);
        if (env == null || env.isBlank()) {
            throw new UserInputException(
                    "no datasets folder: pass --data-dir DIR or set the environment variable " + ENV);
        }
        Path p = Path.of(env);
        if (!Files.isDirectory(p)) {
            throw new UserInputException(ENV + "=" + env + ": folder not found (or pass --data-dir DIR)");
        }
        return p;
    }

    /** {@value #ENV} when it is set and names an existing folder. */
    public static Optional<Path> fromEnvironment() {
        String env = System.getenv(ENV);
        if (env == null || env.isBlank()) return Optional.empty();
        Path p = Path.of(env);
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }
}
