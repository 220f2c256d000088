package io.contrast4j.sentence.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * MoCo's dictionary of negatives (He et al. 2020, "Momentum Contrast for Unsupervised Visual
 * Representation Learning", Sec. 3.2): a FIFO queue of key embeddings from earlier batches. Each
 * step enqueues the current batch's keys and, once full, drops the oldest, so the negatives
 * outnumber the batch by far while every entry comes from a recent (slowly moving) key encoder.
 *
 * <p>A ring buffer of {@code capacity x dimension} floats on the host. Keeping it on the host makes
 * its content exact, easy to checkpoint ({@link #state()} / {@link #restore}) and device-agnostic;
 * the cost is one copy of {@code size x d} floats per step into the device ({@link #negatives}),
 * 6 MB for 4096 x 384, negligible beside a transformer step. Entries are stored as given (the loss
 * normalizes). Not thread-safe: one trainer owns it.
 */
public final class NegativeQueue {

    private final int capacity;
    private final int dimension;
    private final float[] data;
    /** Row where the next key is written; also the oldest row once the queue is full. */
    private int head;
    private int size;

    public NegativeQueue(int capacity, int dimension) {
        if (capacity < 1 || dimension < 1) {
            throw new IllegalArgumentException("queue capacity and dimension must be >= 1, got "
                    + capacity + " x " + dimension);
        }
        this.capacity = capacity;
        this.dimension = dimension;
        this.data = new float[Math.multiplyExact(capacity, dimension)];
    }

    public int capacity() {
        return capacity;
    }

    public int dimension() {
        return dimension;
    }

    /** Entries held now: min(keys enqueued so far, capacity). */
    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == capacity;
    }

    /** Appends rows of {@code keys [n, d]} (gradients are not kept: values are copied to the host). */
    public void enqueue(NDArray keys) {
        Shape s = keys.getShape();
        if (s.dimension() != 2 || s.get(1) != dimension) {
            throw new IllegalArgumentException("keys must be [n, " + dimension + "], got " + s);
        }
        enqueue(keys.toType(DataType.FLOAT32, false).toFloatArray(), (int) s.get(0));
    }

    /** Appends keys given row-major in {@code flat} ({@code flat.length / d} rows). */
    public void enqueue(float[] flat) {
        if (flat.length % dimension != 0) {
            throw new IllegalArgumentException(flat.length + " floats are not rows of " + dimension);
        }
        enqueue(flat, flat.length / dimension);
    }

    /** Appends {@code rows} keys given row-major in {@code flat}. More rows than capacity keep the last ones. */
    public void enqueue(float[] flat, int rows) {
        if (flat.length != rows * dimension) {
            throw new IllegalArgumentException(flat.length + " floats for " + rows + " rows of " + dimension);
        }
        int first = Math.max(0, rows - capacity); // older rows would be overwritten in this call anyway
        for (int r = first; r < rows; r++) {
            System.arraycopy(flat, r * dimension, data, head * dimension, dimension);
            head = (head + 1) % capacity;
        }
        size = Math.min(capacity, size + rows - first);
    }

    /** The entries oldest first, row-major {@code [size, d]}. */
    public float[] contents() {
        float[] out = new float[size * dimension];
        int oldest = size == capacity ? head : 0;
        for (int i = 0; i < size; i++) {
            int row = (oldest + i) % capacity;
            System.arraycopy(data, row * dimension, out, i * dimension, dimension);
        }
        return out;
    }

    /** The negatives as {@code [size, d]} on {@code manager}'s device (storage order), or null when empty. */
    public NDArray negatives(NDManager manager) {
        if (size == 0) return null;
        // The order of negatives does not change the loss; the ring order avoids a reordering copy.
        float[] rows = size == capacity ? data : Arrays.copyOf(data, size * dimension);
        return manager.create(rows, new Shape(size, dimension));
    }

    /** Exact state for a checkpoint: entries oldest first. */
    public float[] state() {
        return contents();
    }

    /** Restores a {@link #state()} (oldest first); the next key goes after the newest restored one. */
    public void restore(float[] oldestFirst) {
        if (oldestFirst.length % dimension != 0 || oldestFirst.length / dimension > capacity) {
            throw new IllegalArgumentException("queue state of " + oldestFirst.length + " floats does not fit "
                    + capacity + " x " + dimension);
        }
        Arrays.fill(data, 0f);
        head = 0;
        size = 0;
        enqueue(oldestFirst, oldestFirst.length / dimension);
    }

    /**
     * The storage exactly as it is (ring order, zeros in unused rows) and its {@link #ringHead()}:
     * restoring these with {@link #restoreRing} reproduces {@link #negatives} row for row, so a
     * resumed run scores its logits in the same column order (bitwise-equal losses).
     */
    public float[] ring() {
        return data.clone();
    }

    /** Row where the next key is written. */
    public int ringHead() {
        return head;
    }

    /** Restores a {@link #ring()}, its head and size (as saved in a checkpoint). */
    public void restoreRing(float[] ring, int ringHead, int ringSize) {
        if (ring.length != data.length || ringHead < 0 || ringHead >= capacity || ringSize < 0 || ringSize > capacity) {
            throw new IllegalArgumentException("queue ring of " + ring.length + " floats, head " + ringHead + ", size "
                    + ringSize + " does not fit " + capacity + " x " + dimension);
        }
        System.arraycopy(ring, 0, data, 0, data.length);
        head = ringHead;
        size = ringSize;
    }
}
