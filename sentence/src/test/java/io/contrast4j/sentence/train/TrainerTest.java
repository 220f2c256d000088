package io.contrast4j.sentence.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.contrast4j.sentence.objective.SimCseObjective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    @TempDir Path tmp;

    /** 4 steps, accumulation 2, GradCache chunks of 3 (of 4: uneven), checkpoint and eval every 2. */
    private static TrainingArguments config() {
        return new TrainingArguments(4, 4, 2, 1e-3f, 1, 0.01f, 1.0f, 3, 123, 2, 2, 2, -1, false);
    }

    private static Map<String, float[]> snapshot(TrainableEncoder encoder) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : encoder.parameters().entrySet()) {
            out.put(e.getKey(), e.getValue().getArray().toFloatArray());
        }
        return out;
    }

    private static Trainer trainer(TrainableEncoder encoder, List<String> corpus, TrainingArguments args, Path run) {
        return Trainer.builder().model(encoder).objective(new SimCseObjective(corpus, 9)).args(args).outputDir(run)
                .evaluator(new AdjacencyEvaluator()).build();
    }

    @Test
    void interruptedAndResumedRunEqualsUninterruptedRunBitForBit() throws IOException {
        List<String> corpus = TestEncoders.allSentences().subList(0, 300);
        Map<String, float[]> straight;
        TrainingResult full;
        try (TrainableEncoder encoder = TestEncoders.tiny(5)) {
            full = trainer(encoder, corpus, config(), tmp.resolve("a")).train();
            straight = snapshot(encoder);
        }
        assertEquals(4, full.steps());
        assertFalse(full.interrupted());

        Path run = tmp.resolve("b");
        try (TrainableEncoder encoder = TestEncoders.tiny(5)) {
            TrainingResult first = trainer(encoder, corpus, config().withStopAfter(2), run).train();
            assertTrue(first.interrupted());
            assertEquals(2, first.steps());
        }
        // A fresh process would build a new encoder (here: a different random init, to prove the
        // checkpoint, not the init, decides the weights) and a fresh objective at position 0.
        Map<String, float[]> resumed;
        TrainingResult second;
        try (TrainableEncoder encoder = TestEncoders.tiny(999)) {
            second = trainer(encoder, corpus, config(), run).train();
            resumed = snapshot(encoder);
        }
        assertEquals(2, second.resumedFrom());
        assertEquals(4, second.steps());
        for (String name : straight.keySet()) {
            assertArrayEquals(straight.get(name), resumed.get(name), name);
        }
        assertEquals(full.lastLoss(), second.lastLoss());
        assertEquals(full.bestMetric(), second.bestMetric());
        assertEquals(full.firstLoss(), second.firstLoss(), 1e-5, "the resumed run reads step 1's loss from its log");
        assertTrue(second.provenance().containsKey("evaluator"), second.provenance().toString());

        // The run folder: full CSV (header + 4 rows), a plot, a log, at most 2 checkpoints, best model.
        List<String> csv = Files.readAllLines(run.resolve("loss.csv"));
        assertEquals(TrainingLog.HEADER, csv.get(0));
        assertEquals(5, csv.size());
        assertEquals(Files.readAllLines(tmp.resolve("a/loss.csv")).stream().map(l -> l.split(",")[1]).toList(),
                csv.stream().map(l -> l.split(",")[1]).toList());
        assertTrue(Files.size(run.resolve("loss.png")) > 1000);
        assertTrue(Files.readString(run.resolve("train.log")).contains("resumed at step 2"));
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            assertEquals(List.of("step-000000002", "step-000000004"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.exists(run.resolve("best/model.safetensors")));
    }

    @Test
    void trainingLowersTheLossAndMovesEveryParameter() throws IOException {
        List<String> corpus = TestEncoders.allSentences().subList(0, 400);
        TrainingArguments cfg = new TrainingArguments(20, 16, 1, 1e-3f, 3, 0.01f, 1.0f, 0, 1, 0, 1, 0, -1, false);
        try (TrainableEncoder encoder = TestEncoders.tiny(3)) {
            Map<String, float[]> before = snapshot(encoder);
            Trainer.builder().model(encoder).objective(new SimCseObjective(corpus, 2)).args(cfg).outputDir(tmp.resolve("c"))
                    .build().train();
            Map<String, float[]> after = snapshot(encoder);
            for (String name : before.keySet()) {
                assertFalse(java.util.Arrays.equals(before.get(name), after.get(name)), name + " did not change");
            }
            List<String> rows = Files.readAllLines(tmp.resolve("c/loss.csv")).subList(1, 21);
            double early = rows.subList(0, 4).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[1])).average().orElseThrow();
            double late = rows.subList(16, 20).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[1])).average().orElseThrow();
            assertTrue(late < early * 0.8, "loss " + early + " -> " + late);
            // Learning rate: warmup to the peak at step 3, then linear decay towards 0.
            assertEquals(1e-3, Double.parseDouble(rows.get(2).split(",")[2]), 1e-9);
            assertTrue(Double.parseDouble(rows.get(19).split(",")[2]) < 1e-4);
        }
    }

    @Test
    void invalidArgumentsNameTheField() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainingArguments.builder().batchSize(1).build());
        assertTrue(e.getMessage().startsWith("batchSize: "), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainingArguments.builder().steps(10).warmupSteps(11).build());
        assertTrue(e.getMessage().startsWith("warmupSteps: "), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new MomentumContrast(1f, 10, 0.07f, true, 0f, null));
        assertTrue(e.getMessage().startsWith("momentum: "), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder().objective(new SimCseObjective(List.of("a b", "c d"), 1)).outputDir(Path.of("x")).build());
        assertTrue(e.getMessage().startsWith("model: "), e.getMessage());
        assertEquals(100, TrainingArguments.builder().steps(1000).build().warmupSteps(), "10% warmup by default");
    }
}
