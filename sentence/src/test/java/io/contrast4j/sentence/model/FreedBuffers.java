package io.contrast4j.sentence.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a use of freed Java direct-buffer memory visible: collects garbage, lets the cleaner free
 * unreachable direct buffers, then reallocates many small buffers filled with a sentinel, so that a
 * native tensor still pointing at freed memory reads the sentinel instead of its old value.
 */
public final class FreedBuffers {

    /** What freed small buffers hold afterwards. */
    public static final float SENTINEL = 1e30f;

    private static final List<ByteBuffer> HELD = new ArrayList<>();

    private FreedBuffers() {}

    public static synchronized void collectAndOverwrite() {
        HELD.clear();
        System.gc();
        try {
            Thread.sleep(50); // the cleaner thread frees direct buffers after the collection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            b.putFloat(0, SENTINEL);
            HELD.add(b);
        }
    }
}
