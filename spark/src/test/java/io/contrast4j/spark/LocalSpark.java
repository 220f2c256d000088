package io.contrast4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** One {@code local[2]} session for every test class of the JVM (starting Spark takes seconds). */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {}

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSessions.open("local[2]", "contrast4j-tests");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
        }
        return session;
    }

    /** The first {@code n} of 600 public-domain State of the Union sentences. */
    static List<String> sentences(int n) {
        try (InputStream in = LocalSpark.class.getResourceAsStream("sotu-sentences.txt")) {
            List<String> all = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return all.subList(0, Math.min(n, all.size()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
