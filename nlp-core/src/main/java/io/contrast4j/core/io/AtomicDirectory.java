package io.contrast4j.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a folder of files (a model, a checkpoint) so that it is always either the old complete
 * version or the new complete version, even when the process is killed or the machine loses power
 * at any point of the write.
 *
 * <p>How: the new files are written into a staging sibling {@code .<name>.staging}, every file and
 * folder of it is forced to disk, and then
 * <ul>
 *   <li>when {@code <name>} does not exist yet, the staging folder is renamed to it (one atomic
 *       rename);</li>
 *   <li>otherwise a commit marker {@code .<name>.commit} is created (the commit point: before it the
 *       old version stands, after it the new one), and the staged files are renamed one by one over
 *       the old ones (each rename atomic), then the staging folder and the marker are removed.</li>
 * </ul>
 * An interrupted write is finished or undone by {@link #recover}: with the marker present the
 * remaining staged files are moved in (roll forward); without it the staging folder is deleted
 * (roll back, the old version untouched). {@link #write} recovers first, and readers call
 * {@link #recover} before they read. The second form lets a folder hold files of its own beside the
 * model (a training run folder: logs, checkpoints); those are left alone, and so are files of the
 * old version that the new one does not have.
 *
 * <p>One writer per folder at a time; a reader running while a writer is in its rename phase (a few
 * renames) may see a mix, exactly as it would see the old or new file of any single rename.
 */
public final class AtomicDirectory {
    private AtomicDirectory() {}

    /** Writes the folder's new files into the (empty) staging folder it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path staging) throws IOException;
    }

    /** Replaces the files of {@code target} with those {@code content} writes, all or nothing. */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        Files.createDirectories(parent);
        recover(dir);
        Path staging = staging(dir);
        Files.createDirectory(staging);
        try {
            content.writeTo(staging);
            fsyncTree(staging);
            fsyncDirectory(parent);
        } catch (IOException | RuntimeException | Error e) {
            deleteTree(staging); // not committed: the old version stands
            throw e;
        }
        if (!Files.exists(dir)) {
            AtomicFiles.move(staging, dir);
            fsyncDirectory(parent);
            return;
        }
        Path marker = marker(dir);
        Files.createFile(marker);
        fsyncDirectory(parent); // the commit point is durable
        rollForward(dir, staging, marker);
    }

    /**
     * Completes or undoes an interrupted {@link #write} of {@code target}; does nothing (and writes
     * nothing) when there is none. Safe to call before every read.
     */
    public static void recover(Path target) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        Path marker = marker(dir);
        Path staging = staging(dir);
        if (Files.exists(marker)) {
            rollForward(dir, staging, marker);
        } else if (Files.exists(staging)) {
            deleteTree(staging);
            fsyncDirectory(dir.getParent());
        }
    }

    /** Whether {@code target} has an interrupted write pending (staging folder or commit marker). */
    public static boolean hasPendingWrite(Path target) {
        Path dir = target.toAbsolutePath().normalize();
        return Files.exists(marker(dir)) || Files.exists(staging(dir));
    }

    static Path staging(Path dir) {
        return dir.resolveSibling("." + dir.getFileName() + ".staging");
    }

    static Path marker(Path dir) {
        return dir.resolveSibling("." + dir.getFileName() + ".commit");
    }

    /** Moves every file still in staging over its counterpart in dir; idempotent, so a crash mid-way is resumed. */
    private static void rollForward(Path dir, Path staging, Path marker) throws IOException {
        if (Files.exists(staging)) {
            List<Path> dirs = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(staging)) {
                for (Path p : walk.toList()) {
                    Path to = dir.resolve(staging.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                        dirs.add(to);
                    } else {
                        AtomicFiles.move(p, to);
                    }
                }
            }
            for (Path d : dirs) fsyncDirectory(d);
            deleteTree(staging);
        }
        Files.deleteIfExists(marker);
        fsyncDirectory(dir.getParent());
    }

    private static void fsyncTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            // files first, then folders deepest first, so each folder is forced after its entries
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                if (Files.isRegularFile(p)) AtomicFiles.fsync(p);
            }
            for (Path p : all) {
                if (Files.isDirectory(p)) fsyncDirectory(p);
            }
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        AtomicFiles.fsyncDirectory(dir);
    }

    /** Deletes a folder and everything in it; a missing folder is fine. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException ignored) {
                    // already gone
                }
            }
        }
    }
}
