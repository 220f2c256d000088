package io.contrast4j.sentence.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One model's folder in the HuggingFace cache, laid out as huggingface_hub writes it
 * ({@code file_download.py}, "cache-system" guide), so that Python and this toolkit share files:
 * <pre>
 * {cache}/models--ORG--NAME/
 *     blobs/{etag}                 file contents, named by ETag (sha256 for LFS files, git sha1 otherwise)
 *     blobs/{etag}.incomplete      a download in progress (resumed with an HTTP Range request)
 *     refs/{revision}              the commit a branch or tag pointed to when last resolved
 *     snapshots/{commit}/{path}    relative symlinks to ../../blobs/{etag}
 * {cache}/.locks/models--ORG--NAME/{etag}.lock   taken while a blob is written
 * </pre>
 * Where the file system refuses symlinks the snapshot file is a copy, as huggingface_hub does.
 */
public final class HfCacheLayout {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private final Path cacheDir;
    private final HubModelId id;
    private final Path repoDir;

    public HfCacheLayout(Path cacheDir, HubModelId id) {
        this.cacheDir = cacheDir;
        this.id = id;
        this.repoDir = cacheDir.resolve(id.cacheFolderName());
    }

    public Path repoDir() {
        return repoDir;
    }

    public Path blob(String etag) {
        return repoDir.resolve("blobs").resolve(etag);
    }

    public Path incomplete(String etag) {
        return repoDir.resolve("blobs").resolve(etag + ".incomplete");
    }

    public Path lockFile(String etag) {
        return cacheDir.resolve(".locks").resolve(id.cacheFolderName()).resolve(etag + ".lock");
    }

    public Path snapshotDir(String commit) {
        return repoDir.resolve("snapshots").resolve(commit);
    }

    /** The file {@code path} (a repo path with '/') of the snapshot at {@code commit}. */
    public Path snapshotFile(String commit, String path) {
        Path p = snapshotDir(commit);
        for (String part : path.split("/")) {
            p = p.resolve(part);
        }
        return p;
    }

    /**
     * The commit for {@code revision}: the revision itself when it is a commit hash, else what
     * {@code refs/{revision}} says; empty when the cache does not know it.
     */
    public Optional<String> commitFor(String revision) {
        if (COMMIT.matcher(revision).matches()) {
            return Optional.of(revision);
        }
        Path ref = refFile(revision);
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        try {
            String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
            return COMMIT.matcher(commit).matches() ? Optional.of(commit) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ref, e);
        }
    }

    /** Records that {@code revision} (a branch or tag) points at {@code commit}. */
    public void writeRef(String revision, String commit) throws IOException {
        if (revision.equals(commit)) {
            return;
        }
        Path ref = refFile(revision);
        Files.createDirectories(ref.getParent());
        Path tmp = ref.resolveSibling(ref.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.writeString(tmp, commit, StandardCharsets.UTF_8); // no newline, as huggingface_hub writes it
        move(tmp, ref);
    }

    /** A snapshot file exists when its link resolves to a blob (a dangling link does not count). */
    public boolean hasFile(String commit, String path) {
        return Files.isRegularFile(snapshotFile(commit, path));
    }

    /**
     * Points {@code snapshots/{commit}/{path}} at {@code blobs/{etag}} with a relative symlink
     * (replacing what was there), or copies the blob where symlinks are not allowed.
     */
    public void link(String commit, String path, String etag) throws IOException {
        Path file = snapshotFile(commit, path);
        Files.createDirectories(file.getParent());
        Path target = file.getParent().relativize(blob(etag));
        Files.deleteIfExists(file);
        try {
            Files.createSymbolicLink(file, target);
        } catch (UnsupportedOperationException | IOException e) {
            if (e instanceof FileAlreadyExistsException) {
                throw (IOException) e;
            }
            Files.copy(blob(etag), file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path refFile(String revision) {
        Path p = repoDir.resolve("refs");
        for (String part : revision.split("/")) { // refs/pr/1 is a nested path, as on the Hub
            p = p.resolve(part);
        }
        return p;
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
