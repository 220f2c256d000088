package io.contrast4j.eval;

import io.contrast4j.core.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parsing of a {@code --tasks A,B} list against a command's valid task names. */
public final class TaskNames {
    private TaskNames() {}

    /**
     * The requested names in the order given (duplicates dropped), or {@code defaults} when the
     * option is absent. An unknown name fails with the list of valid ones. Matching ignores case
     * and returns the canonical spelling.
     */
    public static List<String> select(String optionOrNull, List<String> valid, List<String> defaults) {
        if (optionOrNull == null || optionOrNull.isBlank()) return defaults;
        Set<String> out = new LinkedHashSet<>();
        for (String raw : optionOrNull.split(",")) {
            String name = raw.strip();
            if (name.isEmpty()) continue;
            String canonical = valid.stream().filter(v -> v.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new UserInputException("--tasks: unknown task '" + name
                            + "' (valid: " + String.join(", ", valid) + ")"));
            out.add(canonical);
        }
        if (out.isEmpty()) throw new UserInputException("--tasks: no task named (valid: " + String.join(", ", valid) + ")");
        return new ArrayList<>(out);
    }
}
