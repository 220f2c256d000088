package io.contrast4j.sentence.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import io.contrast4j.core.UserInputException;
import io.contrast4j.sentence.objective.SimCseObjective;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume after a crash: the newest checkpoint torn (its weights file cut in half) and a torn last
 * row in loss.csv. The trainer falls back to the checkpoint before and ends bit for bit where an
 * uninterrupted run ends; a checkpoint of another run (seed) is refused, not skipped.
 */
class CheckpointFallbackTest {
    @TempDir Path tmp;

    /** 4 steps, a checkpoint after every step, the last 2 kept. */
    private static TrainingArguments config() {
        return new TrainingArguments(4, 4, 1, 1e-3f, 1, 0.01f, 1.0f, 0, 123, 1, 2, 0, -1, false);
    }

    private static Map<String, float[]> snapshot(TrainableEncoder encoder) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : encoder.parameters().entrySet()) {
            out.put(e.getKey(), e.getValue().getArray().toFloatArray());
        }
        return out;
    }

    @Test
    void tornNewestCheckpointFallsBackToThePreviousOne() throws IOException {
        List<String> corpus = TestEncoders.allSentences().subList(0, 200);
        Map<String, float[]> straight;
        try (TrainableEncoder encoder = TestEncoders.tiny(5)) {
            Trainer.builder().model(encoder).objective(new SimCseObjective(corpus, 9)).args(config()).outputDir(tmp.resolve("a")).build().train();
            straight = snapshot(encoder);
        }

        Path run = tmp.resolve("b");
        try (TrainableEncoder encoder = TestEncoders.tiny(5)) {
            Trainer.builder().model(encoder).objective(new SimCseObjective(corpus, 9)).args(config().withStopAfter(3)).outputDir(run).build().train();
        }
        Path newest = run.resolve("checkpoints/step-000000003");
        try (FileChannel ch = FileChannel.open(newest.resolve("model.bin"), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2); // as a crash in the middle of a write without atomic rename would leave it
        }
        Files.writeString(run.resolve("loss.csv"), "4,0.6931", StandardOpenOption.APPEND); // a row cut short

        TrainingResult resumed;
        Map<String, float[]> after;
        try (TrainableEncoder encoder = TestEncoders.tiny(999)) {
            resumed = Trainer.builder().model(encoder).objective(new SimCseObjective(corpus, 9)).args(config()).outputDir(run).build().train();
            after = snapshot(encoder);
        }
        assertEquals(2, resumed.resumedFrom(), "step 3's checkpoint is torn: resume from step 2");
        assertEquals(4, resumed.steps());
        for (String name : straight.keySet()) {
            assertArrayEquals(straight.get(name), after.get(name), name);
        }
        String log = Files.readString(run.resolve("train.log"));
        assertTrue(log.contains("step-000000003 is unreadable") && log.contains("torn or corrupt"), log);
        List<String> csv = Files.readAllLines(run.resolve("loss.csv"));
        assertEquals(5, csv.size(), csv.toString());
        assertEquals(List.of("1", "2", "3", "4"), csv.subList(1, 5).stream().map(l -> l.split(",")[0]).toList());
    }

    @Test
    void checkpointOfAnotherSeedIsRefusedWithOneLine() throws IOException {
        List<String> corpus = TestEncoders.allSentences().subList(0, 200);
        Path run = tmp.resolve("c");
        try (TrainableEncoder encoder = TestEncoders.tiny(5)) {
            Trainer.builder().model(encoder).objective(new SimCseObjective(corpus, 9)).args(config().withStopAfter(1)).outputDir(run).build().train();
        }
        TrainingArguments otherSeed = new TrainingArguments(4, 4, 1, 1e-3f, 1, 0.01f, 1.0f, 0, 7, 1, 2, 0, -1, false);
        try (TrainableEncoder encoder = TestEncoders.tiny(5)) {
            UserInputException e = assertThrows(UserInputException.class,
                    () -> Trainer.builder().model(encoder).objective(new SimCseObjective(corpus, 9)).args(otherSeed).outputDir(run).build().train());
            assertEquals("checkpoint " + run.resolve("checkpoints/step-000000001") + " was made with seed 123, this run has"
                    + " seed 7: resume with the same seed, or train into a new folder", e.getMessage());
        }
    }

    @Test
    void tornRowBeforeTheLastIsAnErrorNamingTheLine() throws IOException {
        Path csv = tmp.resolve("loss.csv");
        Files.writeString(csv, TrainingLog.HEADER + "\n1,0.5,1e-3,1.0,0.1,100,200,\n2,0.4\n3,0.3,1e-3,1.0,0.2,100,200,\n");
        UserInputException e = assertThrows(UserInputException.class, () -> TrainingLog.readRows(csv, 10));
        assertEquals(csv + ":3: not a loss.csv row: 2,0.4", e.getMessage());
        Files.writeString(csv, TrainingLog.HEADER + "\n1,0.5,1e-3,1.0,0.1,100,200,\n2,0.4");
        assertEquals(1, TrainingLog.readRows(csv, 10).size());
    }
}
