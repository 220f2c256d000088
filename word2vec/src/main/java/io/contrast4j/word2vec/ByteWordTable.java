package io.contrast4j.word2vec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An open-addressing hash table from a word's UTF-8 bytes to a dense id (0, 1, 2, ... in insertion
 * order). Lookups take a slice of the reader's buffer, so the training loop finds a word's index
 * without creating a String per token.
 */
final class ByteWordTable {
    private byte[] pool = new byte[1 << 16];
    private int poolSize;
    private int[] offsets = new int[1024];
    private int[] lengths = new int[1024];
    private int[] hashes = new int[1024];
    private int size;
    private int[] slots;
    private int mask;

    ByteWordTable(int expectedWords) {
        int cap = Integer.highestOneBit(Math.max(16, expectedWords * 2 - 1)) << 1;
        slots = new int[cap];
        Arrays.fill(slots, -1);
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    /** Hash of a byte slice; {@link TokenScanner} computes the same value while it scans. */
    static int hash(byte[] b, int off, int len) {
        int h = 0;
        for (int i = 0; i < len; i++) h = 31 * h + b[off + i];
        return mix(h);
    }

    /** Murmur3's finaliser: spreads the polynomial hash over the low bits used for slots. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** The id of the word in {@code b[off, off+len)}, or -1. */
    int find(byte[] b, int off, int len, int hash) {
        int slot = hash & mask;
        while (true) {
            int id = slots[slot];
            if (id < 0) return -1;
            if (hashes[id] == hash && lengths[id] == len
                    && Arrays.equals(pool, offsets[id], offsets[id] + len, b, off, off + len)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Adds a word that {@link #find} did not find and returns its new id. */
    int add(byte[] b, int off, int len, int hash) {
        if (size == offsets.length) {
            int n = size * 2;
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            hashes = Arrays.copyOf(hashes, n);
        }
        if (poolSize + len > pool.length) pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len));
        System.arraycopy(b, off, pool, poolSize, len);
        int id = size++;
        offsets[id] = poolSize;
        lengths[id] = len;
        hashes[id] = hash;
        poolSize += len;
        if (size * 2 > slots.length) rehash();
        insertSlot(id);
        return id;
    }

    int add(String word) {
        byte[] b = word.getBytes(StandardCharsets.UTF_8);
        return add(b, 0, b.length, hash(b, 0, b.length));
    }

    String word(int id) {
        return new String(pool, offsets[id], lengths[id], StandardCharsets.UTF_8);
    }

    private void insertSlot(int id) {
        int slot = hashes[id] & mask;
        while (slots[slot] >= 0) slot = (slot + 1) & mask;
        slots[slot] = id;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        Arrays.fill(slots, -1);
        mask = slots.length - 1;
        for (int id = 0; id < size; id++) insertSlot(id);
    }
}
