package io.contrast4j.sentence.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** FIFO order, size, wrap-around and checkpoint state of MoCo's queue. */
class NegativeQueueTest {

    /** Rows whose values name them: row r is [r, r + 0.5]. */
    private static float[] rows(int from, int count) {
        float[] out = new float[count * 2];
        for (int i = 0; i < count; i++) {
            out[2 * i] = from + i;
            out[2 * i + 1] = from + i + 0.5f;
        }
        return out;
    }

    @Test
    void growsUntilFullThenDropsTheOldestFirst() {
        NegativeQueue queue = new NegativeQueue(5, 2);
        assertEquals(0, queue.size());
        queue.enqueue(rows(0, 2));
        assertEquals(2, queue.size());
        assertFalse(queue.isFull());
        assertArrayEquals(rows(0, 2), queue.contents());
        queue.enqueue(rows(2, 2));
        assertArrayEquals(rows(0, 4), queue.contents());
        // 4 + 3 = 7 > 5: rows 0 and 1 leave, the ring wraps around.
        queue.enqueue(rows(4, 3));
        assertEquals(5, queue.size());
        assertTrue(queue.isFull());
        assertArrayEquals(rows(2, 5), queue.contents());
        // Several wraps: the queue always holds the 5 most recent keys, oldest first.
        for (int start = 7; start < 40; start += 3) {
            queue.enqueue(rows(start, 3));
            assertArrayEquals(rows(start + 3 - 5, 5), queue.contents(), "after enqueueing up to " + (start + 2));
        }
    }

    @Test
    void aBatchLargerThanTheQueueKeepsItsLastRows() {
        NegativeQueue queue = new NegativeQueue(3, 2);
        queue.enqueue(rows(0, 1));
        queue.enqueue(rows(10, 7));
        assertArrayEquals(rows(14, 3), queue.contents());
    }

    @Test
    void enqueuesFromNdArraysAndHandsNegativesToTheDevice() {
        NegativeQueue queue = new NegativeQueue(4, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            assertNull(queue.negatives(m), "an empty queue has no negatives");
            queue.enqueue(m.create(rows(0, 3), new Shape(3, 2)));
            NDArray negatives = queue.negatives(m);
            assertEquals(new Shape(3, 2), negatives.getShape());
            assertArrayEquals(rows(0, 3), negatives.toFloatArray());
            queue.enqueue(m.create(rows(3, 3), new Shape(3, 2)));
            assertEquals(new Shape(4, 2), queue.negatives(m).getShape());
            assertArrayEquals(rows(2, 4), queue.contents());
            assertThrows(IllegalArgumentException.class, () -> queue.enqueue(m.create(new float[6], new Shape(2, 3))));
        }
    }

    @Test
    void restoresExactlyFromItsState() {
        NegativeQueue queue = new NegativeQueue(4, 2);
        queue.enqueue(rows(0, 6));
        NegativeQueue copy = new NegativeQueue(4, 2);
        copy.restore(queue.state());
        assertArrayEquals(queue.contents(), copy.contents());
        queue.enqueue(rows(6, 1));
        copy.enqueue(rows(6, 1));
        assertArrayEquals(queue.contents(), copy.contents());
        assertArrayEquals(rows(3, 4), copy.contents());
    }
}
