package io.contrast4j.data.parallel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The fixed held-out split of every parallel corpus: a pair is held out when the SHA-256 of its
 * source (English) side, read as a number, falls in the first {@link #PER_MILLE} thousandths.
 * The rule depends on the text only, never on file order, seeds or corpus size, so the held-out
 * pairs stay the same across rebuilds and any training run can check (and drop) them itself;
 * identical English sentences always land on the same side.
 */
public final class HeldOutSplit {
    /** 2% of the pairs: about 1,870 of the 93k EN-FR / EN-DE pairs, enough for a 1,000-pair test. */
    public static final int PER_MILLE = 20;

    private HeldOutSplit() {}

    public static boolean isHeldOut(String source) {
        return bucket(source) < PER_MILLE;
    }

    /** 0..999 from the first 8 bytes of SHA-256(source, UTF-8). */
    public static int bucket(String source) {
        byte[] h = sha256(source);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (h[i] & 0xff);
        return (int) Long.remainderUnsigned(v, 1000);
    }

    /** Hex SHA-256 of the source side: the key the tests use to check disjointness. */
    public static String key(String source) {
        StringBuilder sb = new StringBuilder(64);
        for (byte b : sha256(source)) sb.append(String.format("%02x", b));
        return sb.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
