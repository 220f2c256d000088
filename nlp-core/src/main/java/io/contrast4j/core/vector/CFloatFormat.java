package io.contrast4j.core.vector;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Formats a float exactly as C's {@code printf("%lf", (double) f)} does with glibc: six decimals,
 * rounded from the exact binary value, ties to even; {@code -0.000000} for negative values that
 * round to zero; {@code inf}, {@code -inf}, {@code nan}, {@code -nan}. This is how word2vec.c writes
 * its text format, and Java's {@code String.format("%f")} differs (it rounds the shortest decimal
 * representation half-up), so the word-vector text writer uses this instead.
 */
final class CFloatFormat {
    private static final long SCALE = 1_000_000L;

    private CFloatFormat() {}

    /** Appends the C "%lf" rendering of f to out. */
    static void appendFixed6(StringBuilder out, float f) {
        int bits = Float.floatToRawIntBits(f);
        boolean negative = bits < 0;
        if (Float.isNaN(f)) {
            out.append(negative ? "-nan" : "nan");
            return;
        }
        if (Float.isInfinite(f)) {
            out.append(negative ? "-inf" : "inf");
            return;
        }
        int exponentBits = (bits >>> 23) & 0xff;
        long mantissa = bits & 0x7fffff;
        int exponent;
        if (exponentBits == 0) {
            exponent = -149; // subnormal
        } else {
            mantissa |= 1L << 23;
            exponent = exponentBits - 150;
        }
        // |f| = mantissa * 2^exponent; we want round_half_even(|f| * 10^6) as an integer
        long scaled = mantissa * SCALE; // < 2^44
        long units;
        if (exponent >= 0) {
            if (exponent > 18) {
                appendBig(out, f);
                return;
            }
            units = scaled << exponent;
        } else {
            int shift = -exponent;
            if (shift >= 46) {
                units = 0; // below 2^-2 * 10^-6: rounds to zero, never a tie
            } else {
                units = scaled >>> shift;
                long remainder = scaled & ((1L << shift) - 1);
                long half = 1L << (shift - 1);
                if (remainder > half || (remainder == half && (units & 1) == 1)) {
                    units++;
                }
            }
        }
        if (negative) {
            out.append('-');
        }
        out.append(units / SCALE).append('.');
        long fraction = units % SCALE;
        for (long p = SCALE / 10; p > fraction && p > 1; p /= 10) {
            out.append('0');
        }
        out.append(fraction);
    }

    /** Same rendering for magnitudes beyond 2^62 / 10^6, via exact decimal arithmetic. */
    private static void appendBig(StringBuilder out, float f) {
        BigDecimal exact = new BigDecimal((double) Math.abs(f)).setScale(6, RoundingMode.HALF_EVEN);
        if (f < 0) {
            out.append('-');
        }
        out.append(exact.toPlainString());
    }

    static String fixed6(float f) {
        StringBuilder sb = new StringBuilder(16);
        appendFixed6(sb, f);
        return sb.toString();
    }
}
