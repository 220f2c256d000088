package io.contrast4j.core.stats;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CorrelationTest {

    @Test
    void spearmanAveragesTiedRanks() {
        // y ranks are [1, 2, 3.5, 5, 3.5]; against x ranks 1..5: sxy = 8, sxx = 10, syy = 9.5
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {5, 6, 7, 8, 7};
        assertArrayEquals(new double[] {1, 2, 3.5, 5, 3.5}, Correlation.averageRanks(y), 0);
        assertEquals(8 / Math.sqrt(95), Correlation.spearman(x, y), 1e-12);
        // scipy.stats.spearmanr gives 0.8207826816681233 on the same input
        assertEquals(0.8207826816681233, Correlation.spearman(x, y), 1e-12);
    }

    @Test
    void pearsonMatchesHandComputation() {
        // dx = [-2,-1,0,1,2], dy = [-1.6,-0.6,0.4,1.4,0.4]: sxy = 6, sxx = 10, syy = 5.2
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {5, 6, 7, 8, 7};
        assertEquals(6 / Math.sqrt(52), Correlation.pearson(x, y), 1e-12);
    }

    @Test
    void spearmanWithManyTiesMatchesScipy() {
        double[] x = {3, 1, 4, 1, 5, 9, 2, 6};
        double[] y = {2.7, 1.8, 2.8, 1.8, 2.8, 4.5, 9.0, 4.5};
        assertEquals(0.621997473274912, Correlation.spearman(x, y), 1e-12);
        assertEquals(0.1435986650732331, Correlation.pearson(x, y), 1e-12);
    }

    @Test
    void monotoneTransformKeepsSpearmanAtOne() {
        double[] x = {0.1, 0.5, 0.2, 0.9};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.exp(10 * x[i]);
        assertEquals(1.0, Correlation.spearman(x, y), 1e-12);
        assertTrue(Correlation.pearson(x, y) < 0.99);
        assertTrue(Double.isNaN(Correlation.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    }
}
