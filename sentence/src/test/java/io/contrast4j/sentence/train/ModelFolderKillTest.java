package io.contrast4j.sentence.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.contrast4j.core.io.AtomicDirectory;
import io.contrast4j.sentence.HfModelFolder;
import io.contrast4j.sentence.SentenceEncoder;
import io.contrast4j.sentence.model.Pooling;
import io.contrast4j.sentence.model.SentenceModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM saving a model folder in a loop (two different models in turn) is killed with
 * SIGKILL at random points, 20 times; after each kill the folder must load as one of the two
 * complete models: its embeddings equal model A's or model B's exactly, never a mix of A's
 * weights and B's pooling, a truncated weights file or a missing file.
 */
class ModelFolderKillTest {
    @TempDir Path dir;

    @Test
    void killedSaveLeavesTheOldOrTheNewModel() throws Exception {
        List<String> texts = List.of("A man is playing a guitar.", "Rain is expected tomorrow.");
        float[][] embA, embB;
        try (SentenceEncoder a = new SentenceEncoder(ModelSaverChild.model("A"), 8);
                SentenceEncoder b = new SentenceEncoder(ModelSaverChild.model("B"), 8)) {
            embA = a.embed(texts);
            embB = b.embed(texts);
        }
        Path target = dir.resolve("model");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ModelSaverChild.class.getName(), target.toString()));
        Random random = new Random(7);
        int sawA = 0, sawB = 0;
        for (int kill = 0; kill < 20; kill++) {
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            AtomicInteger saves = new AtomicInteger();
            long[] savedAt = new long[2];
            Thread reader = Thread.ofPlatform().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        if (l.startsWith("saved ")) {
                            int n = saves.get();
                            if (n < 2) savedAt[n] = System.nanoTime();
                            saves.incrementAndGet();
                        }
                    }
                } catch (IOException ignored) {
                    // killed
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (saves.get() < 2 && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(1);
            assertTrue(saves.get() >= 2, "the child did not save twice");
            // one save takes (savedAt[1] - savedAt[0]); a delay uniform over two of them lands anywhere in a save
            long periodMicros = Math.max(1, (savedAt[1] - savedAt[0]) / 1000);
            long delay = (long) (random.nextDouble() * 2 * periodMicros);
            TimeUnit.MICROSECONDS.sleep(delay);
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            reader.join();

            try (SentenceModel loaded = HfModelFolder.load(target, Device.cpu());
                    SentenceEncoder enc = new SentenceEncoder(loaded, 8)) {
                assertFalse(AtomicDirectory.hasPendingWrite(target));
                float[][] got = enc.embed(texts);
                boolean isA = loaded.pooling() == Pooling.MEAN;
                float[][] want = isA ? embA : embB;
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(want[i], got[i], 1e-6f, "kill " + kill + ": pooling " + loaded.pooling()
                            + " with other weights: a mix of the two models");
                }
                if (isA) sawA++;
                else sawB++;
            }
        }
        System.out.printf("ModelFolderKillTest: 20 kills, folder held model A %d times, B %d times%n", sawA, sawB);
    }
}
