package io.contrast4j.eval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.contrast4j.data.DataDirectory;
import java.nio.file.Path;

/** The datasets root for tests that read real evaluation sets. */
public final class Datasets {
    private Datasets() {}

    public static Path root() {
        var root = DataDirectory.fromEnvironment();
        assumeTrue(root.isPresent(), "set " + DataDirectory.ENV + " to the datasets folder (e.g. ../shared/datasets) to run this test");
        return root.get();
    }
}
