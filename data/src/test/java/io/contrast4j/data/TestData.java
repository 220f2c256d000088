package io.contrast4j.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;

/** The real datasets folder for tests, from CONTRAST4J_DATA; tests are skipped (with a message) without it. */
final class TestData {
    private TestData() {}

    static Path root() {
        Optional<Path> root = DataDirectory.fromEnvironment();
        assumeTrue(root.isPresent(), "set " + DataDirectory.ENV + " to the datasets folder (e.g. ../shared/datasets) to run this test");
        return root.get();
    }
}
