package io.contrast4j.sentence.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Our MPNet buckets against torch's: {@code reference/mpnet-relative-buckets.txt} was written by
 * {@code bench/models/mpnet-buckets.py}, which runs transformers' {@code relative_position_bucket} (the
 * function restated, as transformers is not installed here) in torch 1.13 for every relative position in
 * [-1023, 1023], so the float32 logarithm and truncation are torch's own.
 */
class RelativePositionBucketsTest {

    @Test
    void everyRelativePositionMatchesTorch() throws Exception {
        int checked = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getClassLoader().getResourceAsStream("reference/mpnet-relative-buckets.txt")),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                int rel = Integer.parseInt(f[0]);
                assertEquals(Integer.parseInt(f[1]), RelativePositionBuckets.bucket(rel), "relative position " + rel);
                checked++;
            }
        }
        assertEquals(2047, checked);
    }

    @Test
    void tableIsIndexedByRelativePositionPlusMaxLengthMinusOne() {
        long[] t = RelativePositionBuckets.table(514);
        assertEquals(2 * 514 - 1, t.length);
        for (int d = -513; d <= 513; d++) {
            assertEquals(RelativePositionBuckets.bucket(d), t[d + 513]);
        }
    }
}
