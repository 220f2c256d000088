package io.contrast4j.word2vec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the training threads share: the two weight matrices (row-major, rows padded to
 * {@link #stride}), the noise table, the subsampling thresholds, and progress counters.
 */
final class TrainingState {
    final int stride;
    final float[] syn0;
    final float[] syn1neg;
    final NoiseTable noise;
    final float[] keepThreshold;
    final AtomicLong wordsDone = new AtomicLong();
    volatile boolean cancelled;

    private double lossSum;
    private long lossPairs;

    TrainingState(Word2VecConfig config, Vocabulary vocab) {
        int dim = config.dimension();
        stride = Kernels.stride(dim);
        long cells = (long) vocab.size() * stride;
        if (cells > Integer.MAX_VALUE - 16) {
            throw new io.contrast4j.core.UserInputException("vocabulary of " + vocab.size() + " words x --dim " + dim
                    + " exceeds one array; raise --min-count or set --max-vocab");
        }
        syn0 = new float[(int) cells];
        syn1neg = new float[(int) cells];
        // The C tool's InitNet: uniform in [-0.5, 0.5) / dim from its LCG; output weights start at 0.
        long r = config.seed();
        for (int w = 0; w < vocab.size(); w++) {
            for (int d = 0; d < dim; d++) {
                r = r * 25214903917L + 11;
                syn0[w * stride + d] = (((r & 0xFFFF) / 65536f) - 0.5f) / dim;
            }
        }
        noise = new NoiseTable(vocab, NoiseTable.sizeFor(vocab.size()));
        keepThreshold = new float[vocab.size()];
        double threshold = config.sample() * vocab.totalCount();
        for (int w = 0; w < vocab.size(); w++) {
            double cn = vocab.count(w);
            // keep probability (sqrt(f / (sample * total)) + 1) * (sample * total) / f, as in the C tool
            keepThreshold[w] = cn == 0 ? 1f : (float) ((Math.sqrt(cn / threshold) + 1) * threshold / cn);
        }
    }

    synchronized void reportLoss(double sum, long pairs) {
        lossSum += sum;
        lossPairs += pairs;
    }

    /** Mean loss per (input, output) pair since the last call, or NaN when none were trained. */
    synchronized double drainLoss() {
        double mean = lossPairs == 0 ? Double.NaN : lossSum / lossPairs;
        lossSum = 0;
        lossPairs = 0;
        return mean;
    }
}
