package io.contrast4j.sentence.objective;

import java.util.SplittableRandom;

/**
 * The data walk every objective shares: its units (sentences, documents, pairs) visited in a fresh
 * seeded permutation per epoch ({@link EpochOrder}), the position counted in units, and per-unit
 * random generators seeded by (seed, position). Batches are then a pure function of the seed and
 * the position, so {@link #seek} to a checkpoint's position reproduces the interrupted run.
 */
public abstract class OrderedObjective implements PretrainingObjective {

    protected final long seed;
    private EpochOrder order;
    private long position;

    OrderedObjective(long seed) {
        this.seed = seed;
    }

    /** Sets the number of units to walk; subclass constructors call it once, after filtering their data. */
    final void walk(int units) {
        if (order != null) throw new IllegalStateException("walk() was already called");
        order = new EpochOrder(units, seed);
    }

    /** The index of the unit at the current position; advances the position. */
    final int nextUnit() {
        return order.at(position++);
    }

    /** A generator for the unit at global position {@code at}; {@code salt} keeps objectives' streams apart. */
    final SplittableRandom randomAt(long at, long salt) {
        return new SplittableRandom(EpochOrder.mix(seed ^ salt, at));
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long position) {
        this.position = position;
    }
}
