package io.contrast4j.word2vec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Hogwild training thread (Recht et al. 2011; the C tool's {@code TrainModelThread}): it reads
 * its own byte range of the corpus, subsamples, and updates the shared weight arrays without locks.
 * All buffers are allocated once here; the per-word loop allocates nothing.
 */
final class TrainingWorker implements Runnable {
    /** How often (in words read) a worker publishes its progress and refreshes the learning rate. */
    static final int REPORT_EVERY = 10_000;

    private final Word2VecConfig config;
    private final Vocabulary vocab;
    private final TrainingState state;
    private final Path corpus;
    private final long start;
    private final long wordsPerThread;

    private final int stride;
    private final int window;
    private final int negative;
    private final int vocabSize;
    private final float[] syn0;
    private final float[] syn1neg;
    private final int[] noise;
    private final float[] keepThreshold;

    private final int[] sentence = new int[TokenReader.MAX_SENTENCE_LENGTH + 1];
    private final float[] neu1;
    private final float[] neu1e;
    // Shared-negative (pWord2Vec) buffers: context rows in, centre + negatives out.
    private final int[] inputOffsets;
    private final int[] outputWords;
    private final int[] outputOffsets;
    private final float[] multiplicity;
    private final float[] gradients;
    private final float[] inputDeltas;

    private long nextRandom;
    private float alpha;
    private double lossSum;
    private long lossPairs;

    TrainingWorker(Word2VecConfig config, Vocabulary vocab, TrainingState state, Path corpus, int id, long fileSize) {
        this.config = config;
        this.vocab = vocab;
        this.state = state;
        this.corpus = corpus;
        this.start = fileSize / config.threads() * id;
        this.wordsPerThread = vocab.totalCount() / config.threads();
        this.stride = state.stride;
        this.window = config.window();
        this.negative = config.negative();
        this.vocabSize = vocab.size();
        this.syn0 = state.syn0;
        this.syn1neg = state.syn1neg;
        this.noise = state.noise.table;
        this.keepThreshold = state.keepThreshold;
        this.neu1 = new float[stride];
        this.neu1e = new float[stride];
        this.inputOffsets = new int[2 * window];
        this.outputWords = new int[negative + 1];
        this.outputOffsets = new int[negative + 1];
        this.multiplicity = new float[negative + 1];
        this.gradients = new float[(negative + 1) * 2 * window];
        this.inputDeltas = new float[2 * window * stride];
        // The C tool seeds thread i with i; the run's seed shifts all threads alike.
        this.nextRandom = config.seed() * 0x9E3779B97F4A7C15L + id;
        this.alpha = (float) config.alpha();
    }

    private long random() {
        nextRandom = nextRandom * 25214903917L + 11;
        return nextRandom;
    }

    @Override
    public void run() {
        try (FileChannel channel = FileChannel.open(corpus, StandardOpenOption.READ)) {
            TokenReader reader = new TokenReader(new TokenScanner(channel, 1 << 18), vocab);
            for (int epoch = 0; epoch < config.epochs() && !state.cancelled; epoch++) {
                reader.seek(start);
                long wordCount = 0;
                long lastReported = 0;
                while (true) {
                    int length = readSentence(reader);
                    wordCount = reader.wordsRead();
                    if (wordCount - lastReported > REPORT_EVERY) {
                        report(wordCount - lastReported);
                        lastReported = wordCount;
                    }
                    if (length > 0) {
                        if (config.architecture() == Architecture.CBOW) trainCbow(length);
                        else if (config.batched()) trainSkipGramShared(length);
                        else trainSkipGram(length);
                    }
                    if (reader.atEnd() || wordCount > wordsPerThread || state.cancelled) break;
                }
                report(wordCount - lastReported);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + corpus, e);
        }
    }

    private void report(long newWords) {
        long done = state.wordsDone.addAndGet(newWords);
        double progress = done / (double) (config.epochs() * vocab.totalCount() + 1);
        alpha = (float) Math.max(config.alpha() * (1 - progress), config.alpha() * 1e-4);
        state.reportLoss(lossSum, lossPairs);
        lossSum = 0;
        lossPairs = 0;
    }

    /** Reads up to a newline or 1000 kept words, dropping frequent words at random (subsampling). */
    private int readSentence(TokenReader reader) {
        int length = 0;
        boolean subsample = config.sample() > 0;
        while (true) {
            int word = reader.next();
            if (word == TokenReader.END) break;
            if (word == TokenReader.UNKNOWN) continue;
            if (word == 0) break; // </s>
            // Mikolov et al. 2013 ("Distributed Representations", section 2.3) with the C tool's formula.
            if (subsample && keepThreshold[word] < (random() & 0xFFFF) / 65536f) continue;
            sentence[length++] = word;
            if (length >= TokenReader.MAX_SENTENCE_LENGTH) break;
        }
        return length;
    }

    /** Draws a negative as the C tool does: the noise table, with slot word 0 replaced at random. */
    private int drawNegative() {
        long r = random();
        int target = noise[(int) ((r >>> 16) % noise.length)];
        if (target == 0) target = (int) Long.remainderUnsigned(r, vocabSize - 1) + 1;
        return target;
    }

    /** The C tool's skip-gram: one dot/axpy sequence per (context, output) pair. */
    private void trainSkipGram(int length) {
        for (int pos = 0; pos < length; pos++) {
            int word = sentence[pos];
            int b = (int) Long.remainderUnsigned(random(), window);
            for (int a = b; a < window * 2 + 1 - b; a++) {
                if (a == window) continue;
                int c = pos - window + a;
                if (c < 0 || c >= length) continue;
                int l1 = sentence[c] * stride;
                java.util.Arrays.fill(neu1e, 0f);
                for (int d = 0; d <= negative; d++) {
                    int target;
                    int label;
                    if (d == 0) {
                        target = word;
                        label = 1;
                    } else {
                        target = drawNegative();
                        if (target == word) continue;
                        label = 0;
                    }
                    int l2 = target * stride;
                    float f = Kernels.dot(syn0, l1, syn1neg, l2, stride);
                    addLoss(f, label);
                    float g = SigmoidTable.gradient(f, label, alpha);
                    Kernels.axpy(g, syn1neg, l2, neu1e, 0, stride);
                    Kernels.axpy(g, syn0, l1, syn1neg, l2, stride);
                }
                Kernels.axpy(1f, neu1e, 0, syn0, l1, stride);
            }
        }
    }

    /**
     * pWord2Vec's skip-gram (Ji et al. 2016, section 3.2, Algorithm 2): the centre word and one set
     * of negatives form the output rows O, the window's context words the input rows I; the scores
     * O·Iᵀ, the gradient G and both updates (ΔI = Gᵀ·O, ΔO = G·I) are computed from the same old
     * weights, as small dense matrix products. A negative drawn twice counts twice.
     */
    private void trainSkipGramShared(int length) {
        for (int pos = 0; pos < length; pos++) {
            int word = sentence[pos];
            int b = (int) Long.remainderUnsigned(random(), window);
            int nIn = 0;
            for (int a = b; a < window * 2 + 1 - b; a++) {
                if (a == window) continue;
                int c = pos - window + a;
                if (c < 0 || c >= length) continue;
                inputOffsets[nIn++] = sentence[c] * stride;
            }
            if (nIn == 0) continue;
            outputWords[0] = word;
            multiplicity[0] = 1;
            int nOut = 1;
            for (int k = 0; k < negative; k++) {
                int target = drawNegative();
                if (target == word) continue;
                int o = 1;
                while (o < nOut && outputWords[o] != target) o++;
                if (o == nOut) {
                    outputWords[nOut] = target;
                    multiplicity[nOut++] = 1;
                } else {
                    multiplicity[o]++;
                }
            }
            for (int o = 0; o < nOut; o++) {
                int l2 = outputWords[o] * stride;
                outputOffsets[o] = l2;
                int label = o == 0 ? 1 : 0;
                float m = multiplicity[o];
                for (int i = 0; i < nIn; i++) {
                    float f = Kernels.dot(syn1neg, l2, syn0, inputOffsets[i], stride);
                    addLoss(f, label, m);
                    gradients[o * nIn + i] = SigmoidTable.gradient(f, label, alpha) * m;
                }
            }
            // ΔI from the old output rows, then ΔO from the old input rows, then apply ΔI.
            for (int i = 0; i < nIn; i++) {
                Kernels.combine(syn1neg, outputOffsets, nOut, gradients, i, nIn, inputDeltas, i * stride, stride, false);
            }
            for (int o = 0; o < nOut; o++) {
                Kernels.combine(syn0, inputOffsets, nIn, gradients, o * nIn, 1, syn1neg, outputOffsets[o], stride, true);
            }
            for (int i = 0; i < nIn; i++) {
                Kernels.axpy(1f, inputDeltas, i * stride, syn0, inputOffsets[i], stride);
            }
        }
    }

    /** The C tool's CBOW: the mean of the context rows predicts the centre word. */
    private void trainCbow(int length) {
        for (int pos = 0; pos < length; pos++) {
            int word = sentence[pos];
            int b = (int) Long.remainderUnsigned(random(), window);
            java.util.Arrays.fill(neu1, 0f);
            int cw = 0;
            for (int a = b; a < window * 2 + 1 - b; a++) {
                if (a == window) continue;
                int c = pos - window + a;
                if (c < 0 || c >= length) continue;
                Kernels.axpy(1f, syn0, sentence[c] * stride, neu1, 0, stride);
                cw++;
            }
            if (cw == 0) continue;
            float inv = 1f / cw;
            for (int i = 0; i < stride; i++) neu1[i] *= inv;
            java.util.Arrays.fill(neu1e, 0f);
            for (int d = 0; d <= negative; d++) {
                int target;
                int label;
                if (d == 0) {
                    target = word;
                    label = 1;
                } else {
                    target = drawNegative();
                    if (target == word) continue;
                    label = 0;
                }
                int l2 = target * stride;
                float f = Kernels.dot(neu1, 0, syn1neg, l2, stride);
                addLoss(f, label);
                float g = SigmoidTable.gradient(f, label, alpha);
                Kernels.axpy(g, syn1neg, l2, neu1e, 0, stride);
                Kernels.axpy(g, neu1, 0, syn1neg, l2, stride);
            }
            for (int a = b; a < window * 2 + 1 - b; a++) {
                if (a == window) continue;
                int c = pos - window + a;
                if (c < 0 || c >= length) continue;
                Kernels.axpy(1f, neu1e, 0, syn0, sentence[c] * stride, stride);
            }
        }
    }

    private void addLoss(float f, int label) {
        lossSum += SigmoidTable.negLogSigmoid(label == 1 ? f : -f);
        lossPairs++;
    }

    private void addLoss(float f, int label, float weight) {
        lossSum += weight * SigmoidTable.negLogSigmoid(label == 1 ? f : -f);
        lossPairs += (long) weight;
    }
}
