package io.contrast4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM saving a folder in a loop is killed (SIGKILL, {@link Process#destroyForcibly()}) at
 * random points, 20 times; after each kill the folder must load as exactly the last version the
 * child reported saved or the one it was writing, never a mix, a prefix or nothing.
 */
class AtomicDirectoryKillTest {
    @TempDir Path dir;

    @Test
    void killedWriterLeavesTheOldOrTheNewFolder() throws Exception {
        Path target = dir.resolve("model");
        Random random = new Random(20);
        long saved = 0;
        int sawNew = 0, sawOld = 0;
        for (int kill = 0; kill < 20; kill++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), FolderWriterChild.class.getName(),
                    target.toString(), Long.toString(saved))
                    .redirectErrorStream(true).start();
            AtomicLong last = new AtomicLong(-1);
            Thread reader = Thread.ofPlatform().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        if (l.startsWith("saved ")) last.set(Long.parseLong(l.substring(6)));
                    }
                } catch (IOException ignored) {
                    // the child was killed
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (last.get() < saved + 1 && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(1);
            assertTrue(last.get() >= saved + 1, "the child saved nothing");
            Thread.sleep(random.nextInt(60)); // a few saves of 4 MB each: the kill lands anywhere in one
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            reader.join();
            long reported = last.get();

            AtomicDirectory.recover(target);
            assertFalse(AtomicDirectory.hasPendingWrite(target));
            long loaded = FolderWriterChild.load(target);
            assertTrue(loaded == reported || loaded == reported + 1,
                    "kill " + kill + ": folder holds version " + loaded + ", the child had saved " + reported);
            if (loaded == reported) sawOld++;
            else sawNew++;
            saved = loaded;
        }
        System.out.printf("AtomicDirectoryKillTest: 20 kills, %d left the last saved version, %d the one being written%n",
                sawOld, sawNew);
    }

    @Test
    void interruptedWritesAreRolledBackOrForward() throws IOException {
        Path target = dir.resolve("m");
        AtomicDirectory.write(target, s -> FolderWriterChild.writeVersion(s, 1));
        assertEquals(1, FolderWriterChild.load(target));
        assertEquals(List.of("m"), names(dir));

        // staged but not committed: rolled back
        Path staging = AtomicDirectory.staging(target);
        Files.createDirectories(staging);
        FolderWriterChild.writeVersion(staging, 2);
        AtomicDirectory.recover(target);
        assertEquals(1, FolderWriterChild.load(target));
        assertEquals(List.of("m"), names(dir));

        // committed, two files already moved: rolled forward
        Files.createDirectories(staging);
        FolderWriterChild.writeVersion(staging, 3);
        Files.createFile(AtomicDirectory.marker(target));
        Files.move(staging.resolve("config.json"), target.resolve("config.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging.resolve("model.bin"), target.resolve("model.bin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThrows(IOException.class, () -> FolderWriterChild.load(target)); // a mix, before recovery
        AtomicDirectory.recover(target);
        assertEquals(3, FolderWriterChild.load(target));
        assertEquals(List.of("m"), names(dir));

        // a failing writer leaves the old version
        assertThrows(IOException.class, () -> AtomicDirectory.write(target, s -> {
            FolderWriterChild.writeVersion(s, 4);
            throw new IOException("No space left on device");
        }));
        assertEquals(3, FolderWriterChild.load(target));
        assertEquals(List.of("m"), names(dir));

        // other files of the folder are kept
        Files.writeString(target.resolve("train.log"), "kept");
        AtomicDirectory.write(target, s -> FolderWriterChild.writeVersion(s, 5));
        assertEquals(5, FolderWriterChild.load(target));
        assertEquals("kept", Files.readString(target.resolve("train.log")));
    }

    @Test
    void atomicFileWriteReplacesWholeOrNotAtAll() throws IOException {
        Path f = dir.resolve("sub").resolve("provenance.json");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("thr".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        }));
        assertEquals("two", Files.readString(f));
        assertEquals(List.of("provenance.json"), names(f.getParent()));
    }

    private static List<String> names(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
