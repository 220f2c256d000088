package io.contrast4j.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Child process of {@link AtomicDirectoryKillTest}: saves a model-like folder (two JSON files, a
 * 4 MB weights file and a nested config) version after version with {@link AtomicDirectory}, and
 * prints "saved N" after each, until it is killed.
 */
public final class FolderWriterChild {
    static final int WEIGHT_BYTES = 4 << 20;

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        long version = Long.parseLong(args[1]);
        while (true) {
            long v = ++version;
            AtomicDirectory.write(target, staging -> writeVersion(staging, v));
            System.out.println("saved " + v);
            System.out.flush();
        }
    }

    static void writeVersion(Path dir, long v) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"version\": " + v + "}\n", StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(dir.resolve("model.bin"))) {
            out.write(weights(v));
        }
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(dir.resolve("1_Pooling").resolve("config.json"), "{\"version\": " + v + "}\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("modules.json"), "[" + v + "]\n", StandardCharsets.UTF_8);
    }

    static byte[] weights(long v) {
        byte[] w = new byte[WEIGHT_BYTES];
        new Random(v).nextBytes(w);
        return w;
    }

    /** Loads the folder: the version every file agrees on, or an error describing the mix. */
    static long load(Path dir) throws IOException {
        long v = Long.parseLong(Files.readString(dir.resolve("config.json")).replaceAll("[^0-9]", ""));
        long pooling = Long.parseLong(Files.readString(dir.resolve("1_Pooling").resolve("config.json")).replaceAll("[^0-9]", ""));
        long modules = Long.parseLong(Files.readString(dir.resolve("modules.json")).replaceAll("[^0-9]", ""));
        if (pooling != v || modules != v) throw new IOException("mixed versions: config " + v + ", pooling " + pooling + ", modules " + modules);
        if (!java.util.Arrays.equals(Files.readAllBytes(dir.resolve("model.bin")), weights(v))) {
            throw new IOException("model.bin is not version " + v + "'s weights");
        }
        return v;
    }
}
