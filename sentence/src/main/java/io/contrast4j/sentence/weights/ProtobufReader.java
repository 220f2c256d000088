package io.contrast4j.sentence.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the protocol buffers wire format (varint, 64-bit, length-delimited, 32-bit records) from
 * a byte range, enough to walk an ONNX file without generated classes. Each nested message is read
 * by a new reader over its own slice, so lengths are checked at every level.
 */
final class ProtobufReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buf;
    private int tag;

    ProtobufReader(ByteBuffer buf) {
        this.buf = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() {
        if (!buf.hasRemaining()) {
            return false;
        }
        long key = readVarint();
        tag = (int) key;
        if (fieldNumber() == 0) {
            throw new IllegalStateException("field number 0 at byte " + buf.position());
        }
        return true;
    }

    boolean hasRemaining() {
        return buf.hasRemaining();
    }

    int fieldNumber() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!buf.hasRemaining()) {
                throw new IllegalStateException("truncated varint");
            }
            byte b = buf.get();
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalStateException("malformed varint");
    }

    float readFixed32Float() {
        need(4);
        return buf.getFloat();
    }

    /** The payload of a length-delimited field, as a little-endian view (no copy). */
    ByteBuffer readBytes() {
        long len = readVarint();
        if (len < 0 || len > buf.remaining()) {
            throw new IllegalStateException("length " + len + " exceeds the " + buf.remaining() + " bytes left");
        }
        ByteBuffer slice = buf.slice(buf.position(), (int) len).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(buf.position() + (int) len);
        return slice;
    }

    ProtobufReader readMessage() {
        return new ProtobufReader(readBytes());
    }

    String readString() {
        ByteBuffer b = readBytes();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    void skip() {
        switch (wireType()) {
            case VARINT -> readVarint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> readBytes();
            case FIXED32 -> advance(4);
            default -> throw new IllegalStateException("unsupported wire type " + wireType());
        }
    }

    private void advance(int n) {
        need(n);
        buf.position(buf.position() + n);
    }

    private void need(int n) {
        if (buf.remaining() < n) {
            throw new IllegalStateException("truncated field: need " + n + " bytes, have " + buf.remaining());
        }
    }
}
