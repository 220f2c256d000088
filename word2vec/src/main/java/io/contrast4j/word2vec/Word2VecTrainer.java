package io.contrast4j.word2vec;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Trains word2vec with negative sampling on a whitespace-tokenized text file (one sentence or
 * document a line), as the C tool does: a counting pass builds the vocabulary, then
 * {@code threads} Hogwild workers each stream their own byte range of the file for every epoch. The
 * corpus is never held in memory, so files larger than the heap train.
 *
 * <p>With one thread and a fixed seed, two runs give identical vectors.
 */
public final class Word2VecTrainer {
    private final Word2VecConfig config;
    private final TrainingListener listener;

    public Word2VecTrainer(Word2VecConfig config, TrainingListener listener) {
        this.config = config;
        this.listener = listener == null ? TrainingListener.NONE : listener;
    }

    public TrainingResult train(Path corpus) {
        long t0 = System.nanoTime();
        Vocabulary vocab = Vocabulary.build(corpus, config.minCount(), config.maxVocab());
        return train(corpus, vocab, t0);
    }

    TrainingResult train(Path corpus, Vocabulary vocab, long t0) {
        long fileSize;
        try {
            fileSize = Files.size(corpus);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + corpus, e);
        }
        TrainingState state = new TrainingState(config, vocab);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long trainStart = System.nanoTime();
        for (int id = 0; id < config.threads(); id++) {
            TrainingWorker worker = new TrainingWorker(config, vocab, state, corpus, id, fileSize);
            Thread t = new Thread(() -> {
                try {
                    worker.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    state.cancelled = true;
                }
            }, "word2vec-" + id);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long total = (long) config.epochs() * vocab.totalCount();
        double lastLoss = Double.NaN;
        try {
            for (Thread t : threads) {
                while (t.isAlive()) {
                    t.join(500);
                    lastLoss = report(state, total, trainStart, lastLoss);
                }
            }
        } catch (InterruptedException e) {
            state.cancelled = true;
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        }
        if (failure.get() != null) {
            Throwable e = failure.get();
            if (e instanceof RuntimeException re) throw re;
            throw new IllegalStateException("training thread failed", e);
        }
        long end = System.nanoTime();
        lastLoss = report(state, total, trainStart, lastLoss);
        int dim = config.dimension();
        float[] vectors = new float[vocab.size() * dim];
        for (int w = 0; w < vocab.size(); w++) System.arraycopy(state.syn0, w * state.stride, vectors, w * dim, dim);
        return new TrainingResult(vocab, dim, vectors, state.wordsDone.get(), (end - trainStart) / 1e9,
                (end - t0) / 1e9, lastLoss);
    }

    private double report(TrainingState state, long total, long trainStart, double lastLoss) {
        long done = state.wordsDone.get();
        double seconds = (System.nanoTime() - trainStart) / 1e9;
        double loss = state.drainLoss();
        if (Double.isNaN(loss)) loss = lastLoss;
        double progress = done / (double) (total + 1);
        double alpha = Math.max(config.alpha() * (1 - progress), config.alpha() * 1e-4);
        listener.progress(done, total, done / Math.max(seconds, 1e-9), loss, alpha);
        return loss;
    }

    /** Validates before any work: the corpus must exist and be a file. */
    static void checkCorpus(Path corpus) {
        if (!Files.isRegularFile(corpus)) throw new UserInputException("corpus file not found: " + corpus);
    }
}
