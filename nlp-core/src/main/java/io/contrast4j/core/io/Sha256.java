package io.contrast4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 checksums, streamed so that files of any size hash in constant memory. */
public final class Sha256 {
    private static final int BUFFER = 1 << 16;

    private Sha256() {}

    /** A fresh SHA-256 digest (every JDK has one, so this never fails). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }

    /** Lower-case hex SHA-256 of a file's bytes. */
    public static String of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to checksum it", e);
        }
    }

    /** Lower-case hex SHA-256 of everything left in the stream; the caller closes it. */
    public static String of(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return hex(digest.digest());
    }

    /** Lower-case hex SHA-256 of a byte array. */
    public static String of(byte[] bytes) {
        return hex(newDigest().digest(bytes));
    }

    /** Lower-case hex of a finished digest, e.g. from {@link java.security.DigestInputStream}. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
