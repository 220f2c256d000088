package io.contrast4j.eval.glue;

import io.contrast4j.data.glue.GlueExample;
import io.contrast4j.data.glue.GlueTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A leaderboard submission file: {@code index<TAB>prediction} with that header, one row per test
 * example in file order, named as gluebenchmark.com expects ({@code CoLA.tsv}, {@code MNLI-m.tsv},
 * ...); predictions are class names or STS-B scores clipped to [0, 5].
 */
public final class GlueSubmission {
    private GlueSubmission() {}

    public static Path write(Path dir, GlueTask task, String testSplit, List<GlueExample> examples, List<String> predictions) {
        if (examples.size() != predictions.size()) {
            throw new IllegalArgumentException("predictions: " + predictions.size() + " for " + examples.size() + " test examples");
        }
        StringBuilder sb = new StringBuilder("index\tprediction\n");
        for (int i = 0; i < examples.size(); i++) {
            String p = predictions.get(i);
            if (task.isRegression()) p = String.format(java.util.Locale.ROOT, "%.3f", Math.max(0, Math.min(5, Double.parseDouble(p))));
            sb.append(examples.get(i).id()).append('\t').append(p).append('\n');
        }
        Path file = dir.resolve(task.submissionFile(testSplit));
        try {
            Files.createDirectories(dir);
            Files.writeString(file, sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
