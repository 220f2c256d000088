package io.contrast4j.core.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CFloatFormatTest {

    /** float bits and what glibc's printf("%lf", (double) f) prints for them (gcc 12, Debian 12). */
    private static final String[][] GLIBC = {
        {"3c000000", "0.007812"}, // exact tie 0.0078125 -> even
        {"bc000000", "-0.007812"},
        {"3f000000", "0.500000"},
        {"33d6bf95", "0.000000"},
        {"b3d6bf95", "-0.000000"}, // negative, rounds to zero: sign kept
        {"80000000", "-0.000000"},
        {"00000000", "0.000000"},
        {"3dfcd6c3", "0.123457"},
        {"47f12065", "123456.789062"},
        {"501502f9", "10000000000.000000"},
        {"ff7fffff", "-340282346638528859811704183484516925440.000000"},
        {"00000001", "0.000000"},
        {"35c9539c", "0.000002"},
        {"40fffffe", "7.999999"},
        {"551184e7", "9999999827968.000000"},
        {"35800000", "0.000001"},
        {"3eaaaaaa", "0.333333"},
        {"7f800000", "inf"},
        {"ff800000", "-inf"},
        {"7fc00000", "nan"},
        {"ffc00000", "-nan"},
    };

    @Test
    void matchesGlibcPrintf() {
        for (String[] c : GLIBC) {
            float f = Float.intBitsToFloat(Integer.parseUnsignedInt(c[0], 16));
            assertEquals(c[1], CFloatFormat.fixed6(f), "bits " + c[0]);
        }
    }

    @Test
    void matchesExactDecimalRoundingHalfEven() {
        Random rnd = new Random(1);
        for (int i = 0; i < 5_000; i++) {
            float f = Float.intBitsToFloat(rnd.nextInt());
            if (Float.isNaN(f) || Float.isInfinite(f)) {
                continue;
            }
            String expected = new BigDecimal((double) Math.abs(f)).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
            if (Float.floatToRawIntBits(f) < 0) {
                expected = "-" + expected;
            }
            assertEquals(expected, CFloatFormat.fixed6(f), "bits " + Integer.toHexString(Float.floatToRawIntBits(f)));
        }
        // typical embedding magnitudes, where the fast path does all the work
        for (int i = 0; i < 50_000; i++) {
            float f = (float) rnd.nextGaussian() * 0.3f;
            String expected = new BigDecimal((double) Math.abs(f)).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
            assertEquals(f < 0 || Float.floatToRawIntBits(f) < 0 ? "-" + expected : expected, CFloatFormat.fixed6(f));
        }
    }
}
