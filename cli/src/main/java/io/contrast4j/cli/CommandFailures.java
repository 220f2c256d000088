package io.contrast4j.cli;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Turns every failure of a command into exactly one line on stderr and an exit code, in one place
 * for all commands: 2 for a problem with what the user gave (a bad option value, a missing or
 * malformed file, a model or checkpoint that does not fit), 1 for the environment (disk full,
 * permission denied, an I/O error, out of memory) or a bug. Nothing prints a stack trace to the
 * terminal: where the trace helps (environment and internal errors) it goes to a log file, and
 * the line says where.
 *
 * <p>The log folder is {@code $CONTRAST4J_LOG_DIR}, else the system property
 * {@code contrast4j.logDir}, else {@code $XDG_STATE_HOME/contrast4j/logs} (default
 * {@code ~/.local/state/contrast4j/logs}).
 */
public final class CommandFailures implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    public static final int USER_ERROR = 2;
    public static final int ENVIRONMENT_ERROR = 1;

    /** What a failure maps to: the exit code, the line, and whether its trace is worth a log file. */
    record Outcome(int exitCode, String message, boolean logTrace) {}

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        return report(e, cmd);
    }

    /** Bad options: one line naming the problem and where help is, instead of the whole usage text. */
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String help = cmd.getCommandSpec().qualifiedName() + " --help";
        String message = e.getMessage();
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof UserInputException) message = c.getMessage(); // an option setter refused the value
        }
        cmd.getErr().println("error: " + oneLine(message) + " (see '" + help + "')");
        cmd.getErr().flush();
        return USER_ERROR;
    }

    /** Prints the failure's line (and writes its log) and returns the exit code. */
    static int report(Throwable e, CommandLine cmd) {
        Outcome o = classify(e);
        String line = "error: " + o.message();
        if (o.logTrace()) {
            Path log = writeLog(e, cmd);
            line += log != null ? " (details in " + log + ")" : "";
        }
        cmd.getErr().println(line);
        cmd.getErr().flush();
        return o.exitCode();
    }

    /** The mapping itself, from the most specific cause to the most general. */
    static Outcome classify(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UserInputException) return new Outcome(USER_ERROR, oneLine(c.getMessage()), false);
            if (c instanceof CommandLine.ParameterException) return new Outcome(USER_ERROR, oneLine(c.getMessage()), false);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return new Outcome(ENVIRONMENT_ERROR, "out of memory (" + oneLine(c.getMessage())
                        + "); give the JVM more with JAVA_OPTS=-Xmx<size>, or lower the batch size", true);
            }
            if (c instanceof NoSuchFileException f) {
                return new Outcome(USER_ERROR, "file not found: " + f.getFile()
                        + (f.getReason() == null ? "" : " (" + f.getReason() + ")"), false);
            }
            if (c instanceof NotDirectoryException f) return new Outcome(USER_ERROR, "not a folder: " + f.getFile(), false);
            if (c instanceof FileAlreadyExistsException f) return new Outcome(USER_ERROR, "already exists: " + f.getFile(), false);
            if (c instanceof AccessDeniedException f) {
                return new Outcome(ENVIRONMENT_ERROR, "permission denied: " + f.getFile(), false);
            }
            if (c instanceof FileSystemException f && isPathMistake(f)) {
                // a path through a file, a file where a folder is wanted: the path given is wrong
                return new Outcome(USER_ERROR, f.getFile() + ": " + f.getReason(), false);
            }
            if (c instanceof IOException io && !(c instanceof FileSystemException) && "Is a directory".equals(io.getMessage())) {
                return new Outcome(USER_ERROR, "a folder was given where a file is needed: " + describe(e, io), false);
            }
            if (c instanceof IOException io && isDiskFull(io)) {
                return new Outcome(ENVIRONMENT_ERROR, "disk full: " + describe(e, io), true);
            }
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof FileSystemException || c instanceof IOException || c instanceof UncheckedIOException) {
                return new Outcome(ENVIRONMENT_ERROR, "I/O error: " + describe(e, c), true);
            }
        }
        if (e instanceof IllegalArgumentException && e.getMessage() != null) {
            // the libraries name the field at fault in these (a value out of range)
            return new Outcome(USER_ERROR, oneLine(e.getMessage()), false);
        }
        if (e instanceof IllegalStateException && e.getMessage() != null) {
            // a run that cannot go on (e.g. training diverged): the message says why and what to change
            return new Outcome(ENVIRONMENT_ERROR, oneLine(e.getMessage()), true);
        }
        return new Outcome(ENVIRONMENT_ERROR, "internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())), true);
    }

    static boolean isPathMistake(FileSystemException e) {
        String r = e.getReason();
        return e.getFile() != null && r != null
                && (r.equals("Not a directory") || r.equals("Is a directory") || r.equals("File exists"));
    }

    static boolean isDiskFull(IOException e) {
        String m = e.getMessage();
        return m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"));
    }

    /** The outer message (which usually names the file) plus the root cause when it adds something. */
    private static String describe(Throwable outer, Throwable cause) {
        String a = outer.getMessage() == null ? "" : oneLine(outer.getMessage());
        String b = cause.getMessage() == null ? cause.getClass().getSimpleName() : oneLine(cause.getMessage());
        if (a.isEmpty() || a.contains(b)) return a.isEmpty() ? b : a;
        if (b.contains(a)) return b;
        return a + ": " + b;
    }

    /** The first line of a message, trimmed (a message never spills over several lines). */
    static String oneLine(String message) {
        if (message == null) return "";
        String s = message.strip();
        int nl = s.indexOf('\n');
        if (nl >= 0) s = s.substring(0, nl).strip();
        return s.length() > 1000 ? s.substring(0, 1000) + "..." : s;
    }

    /** The log folder (see the class comment). */
    public static Path logDirectory() {
        String env = System.getenv("CONTRAST4J_LOG_DIR");
        if (env != null && !env.isBlank()) return Path.of(env);
        String prop = System.getProperty("contrast4j.logDir");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("contrast4j").resolve("logs");
    }

    /** Writes the command line and the full trace to a new log file; null when it cannot be written. */
    private static Path writeLog(Throwable e, CommandLine cmd) {
        try {
            Path dir = Files.createDirectories(logDirectory());
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
            Path log = dir.resolve("error-" + stamp + "-" + ProcessHandle.current().pid() + "-"
                    + Integer.toHexString(System.identityHashCode(e)) + ".log");
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            CommandLine.ParseResult parsed = cmd.getParseResult();
            String args = parsed == null ? "" : String.join(" ", parsed.originalArgs());
            Files.writeString(log, "command: contrast4j " + args + "\nversion: "
                    + io.contrast4j.core.provenance.Provenance.contrast4jVersion() + "\njava: "
                    + System.getProperty("java.version") + "\n\n" + trace, StandardCharsets.UTF_8);
            return log;
        } catch (IOException | RuntimeException ignored) {
            return null; // the disk may be the problem; the one line still says what failed
        }
    }
}
