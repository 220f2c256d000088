package io.contrast4j.cli.options;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The shared {@code --work-dir}, {@code --checkpoint-every} and {@code --resume} options (a picocli
 * mixin) of commands that train several runs into one work folder, and their checks: a new run
 * does not write into a folder that holds runs, and {@code --resume} needs runs to resume.
 */
public final class CheckpointOptions {

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Keep every run's checkpoints and, once done, its results here (one folder per run);"
                    + " with --resume, runs already done are read back and an interrupted one resumes.")
    public Path workDir;

    @Option(names = "--checkpoint-every", defaultValue = "0", paramLabel = "N",
            description = "Checkpoint each run every N optimizer steps into --work-dir; 0 = only at its end (default: ${DEFAULT-VALUE}).")
    public int checkpointEvery;

    @Option(names = "--resume", description = "Continue the runs in --work-dir: skip those done, resume the interrupted one.")
    public boolean resume;

    @Option(names = "--stop-after", defaultValue = "-1", hidden = true, description = "Stop each run after N steps (simulated interruption).")
    public int stopAfter;

    /**
     * Checks the options against the work folder: {@code --checkpoint-every >= 0}; --work-dir given
     * when checkpointing or resuming; without --resume, a folder that holds nothing; with it, one
     * that holds something.
     */
    public void check() {
        if (checkpointEvery < 0) throw new UserInputException("--checkpoint-every must be >= 0, got " + checkpointEvery);
        if (workDir == null) {
            if (checkpointEvery > 0) throw new UserInputException("--checkpoint-every needs --work-dir (where the checkpoints go)");
            if (resume) throw new UserInputException("--resume needs --work-dir (the folder of the runs to resume)");
            if (stopAfter >= 0) throw new UserInputException("--stop-after needs --work-dir");
            return;
        }
        if (Files.exists(workDir) && !Files.isDirectory(workDir)) throw new UserInputException("--work-dir is a file: " + workDir);
        boolean holdsSomething = !isEmpty(workDir);
        if (!resume && holdsSomething) {
            throw new UserInputException("--work-dir " + workDir + " already holds runs: pass --resume to continue them, or a new --work-dir");
        }
        if (resume && !holdsSomething) throw new UserInputException("--resume: nothing to resume in --work-dir " + workDir);
    }

    private static boolean isEmpty(Path dir) {
        if (!Files.isDirectory(dir)) return true;
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
