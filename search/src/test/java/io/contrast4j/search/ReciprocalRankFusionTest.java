package io.contrast4j.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {
    @Test
    void sumsReciprocalRanksWithConstantSixty() {
        List<ReciprocalRankFusion.Fused<String>> fused = new ReciprocalRankFusion(60)
                .fuse(List.of(List.of("a", "b", "c"), List.of("c", "a", "d")));
        assertEquals(List.of("a", "c", "b", "d"), fused.stream().map(ReciprocalRankFusion.Fused::key).toList());
        assertEquals(1.0 / 61 + 1.0 / 62, fused.get(0).score(), 1e-12);
        assertEquals(1.0 / 63 + 1.0 / 61, fused.get(1).score(), 1e-12);
        assertEquals(1.0 / 62, fused.get(2).score(), 1e-12);
        assertArrayEquals(new int[] {1, 2}, fused.get(0).ranks());
        assertArrayEquals(new int[] {0, 3}, fused.get(3).ranks());
    }

    @Test
    void aKeyRepeatedInOneListCountsOnceAtItsBestRank() {
        List<ReciprocalRankFusion.Fused<String>> fused = new ReciprocalRankFusion(0).fuse(List.of(List.of("x", "x", "y")));
        assertEquals(1.0, fused.get(0).score(), 1e-12);
        assertEquals(1.0 / 3, fused.get(1).score(), 1e-12);
    }
}
