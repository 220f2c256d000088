package io.contrast4j.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrast4j.cli.Contrast4j;
import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the quickstart's stages as ordinary {@code contrast4j} commands, in process, or as library
 * calls with the equivalent command recorded, so that the quickstart does what a user typing
 * those commands would get. A stage that finished
 * leaves {@code stages/NAME.json} (its command, its JSON output on stdout, its wall time); a re-run
 * skips it.
 */
final class StageRunner {
    private static final ObjectMapper JSON = Json.MAPPER;

    private final Path stagesDir;
    private final PrintWriter err;
    private final Map<String, JsonNode> results = new LinkedHashMap<>();
    private final List<String> skippedMessages = new ArrayList<>();
    private int number;
    private final int total;

    StageRunner(Path outDir, PrintWriter err, int total) {
        this.stagesDir = outDir.resolve("stages");
        this.err = err;
        this.total = total;
        try {
            Files.createDirectories(stagesDir);
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + stagesDir, e);
        }
    }

    /** Runs {@code contrast4j args...} as stage {@code name} unless it already finished. */
    JsonNode run(String name, String title, String... args) {
        return execute(name, title, args, () -> {
            StringWriter stdout = new StringWriter();
            int code = Contrast4j.execute(new PrintWriter(stdout), err, args);
            if (code != 0) {
                throw new UserInputException("stage '" + name + "' failed (exit " + code + "): contrast4j "
                        + String.join(" ", args) + "; finished stages are kept, re-run to continue");
            }
            return parseOutput(stdout.toString());
        });
    }

    /**
     * Runs {@code work} (a library call) as stage {@code name} unless it already finished; {@code
     * equivalent} is the {@code contrast4j} command line that does the same, shown to people and
     * kept in the report so they can repeat the stage by hand.
     */
    JsonNode call(String name, String title, List<String> equivalent, java.util.concurrent.Callable<Object> work) {
        return execute(name, title, equivalent.toArray(String[]::new), () -> {
            try {
                return JSON.valueToTree(work.call());
            } catch (UserInputException | UncheckedIOException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new UserInputException("stage '" + name + "': " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("stage '" + name + "' failed", e);
            }
        });
    }

    private JsonNode execute(String name, String title, String[] args, java.util.function.Supplier<JsonNode> work) {
        number++;
        Path record = stagesDir.resolve(name + ".json");
        if (Files.isRegularFile(record)) {
            try {
                JsonNode done = JSON.readTree(record.toFile());
                err.printf(Locale.ROOT, "[%d/%d] %s: done before (%.0f s), skipped%n", number, total, title,
                        done.path("seconds").asDouble());
                err.flush();
                results.put(name, done);
                return done.path("output");
            } catch (IOException e) {
                err.println("quickstart: " + record + " unreadable, running the stage again");
            }
        }
        err.printf(Locale.ROOT, "[%d/%d] %s%n      contrast4j %s%n", number, total, title, String.join(" ", args));
        err.flush();
        long t0 = System.nanoTime();
        JsonNode output = work.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        ObjectNode done = JSON.createObjectNode();
        done.put("stage", name);
        done.put("title", title);
        // An array node, not a POJO: the report reads it back as one (a POJO read as empty: "contrast4j" alone).
        done.set("command", JSON.valueToTree(List.of(args)));
        done.put("seconds", seconds);
        done.set("output", output);
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(record.toFile(), done);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + record, e);
        }
        err.printf(Locale.ROOT, "      done in %.1f s%n", seconds);
        err.flush();
        results.put(name, done);
        return done.path("output");
    }

    /** Counts a stage that cannot run here, with the reason shown to the user and kept in the report. */
    void skip(String name, String title, String why) {
        number++;
        String line = String.format(Locale.ROOT, "[%d/%d] %s: skipped: %s", number, total, title, why);
        err.println(line);
        err.flush();
        skippedMessages.add(title + ": " + why);
        ObjectNode node = JSON.createObjectNode();
        node.put("stage", name);
        node.put("title", title);
        node.put("skipped", why);
        results.put(name, node);
    }

    Map<String, JsonNode> results() {
        return results;
    }

    List<String> skipped() {
        return skippedMessages;
    }

    /** Commands print one JSON document, or JSON lines, or nothing; keep what parses. */
    private static JsonNode parseOutput(String text) {
        String t = text.strip();
        if (t.isEmpty()) return JSON.createObjectNode();
        // readTree stops after the first value, so JSON lines (one object a line) are read value by value.
        var values = new java.util.ArrayList<JsonNode>();
        try (var it = JSON.readerFor(JsonNode.class).<JsonNode>readValues(t)) {
            while (it.hasNextValue()) values.add(it.nextValue());
        } catch (IOException | RuntimeException notJson) {
            values.clear();
        }
        if (values.size() == 1) return values.get(0);
        var array = JSON.createArrayNode();
        if (!values.isEmpty()) {
            values.forEach(array::add);
            return array;
        }
        for (String line : t.split("\n")) {
            try {
                array.add(JSON.readTree(line));
            } catch (IOException notJson) {
                array.add(line);
            }
        }
        return array;
    }
}
