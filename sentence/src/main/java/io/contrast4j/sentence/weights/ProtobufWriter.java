package io.contrast4j.sentence.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes one protocol buffers message in the wire format (the counterpart of {@link ProtobufReader}):
 * varint fields, length-delimited bytes, strings and nested messages, packed varints and 32-bit
 * floats. A nested message is written into its own writer first, so its length is known when the
 * parent writes it.
 */
final class ProtobufWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtobufWriter varint(int field, long value) {
        key(field, ProtobufReader.VARINT);
        rawVarint(value);
        return this;
    }

    ProtobufWriter fixed32Float(int field, float value) {
        key(field, ProtobufReader.FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write((bits >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    ProtobufWriter bytes(int field, byte[] value) {
        key(field, ProtobufReader.LENGTH_DELIMITED);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    /** Only the key and length of a length-delimited field, for a payload the caller streams after it. */
    ProtobufWriter lengthPrefix(int field, long length) {
        key(field, ProtobufReader.LENGTH_DELIMITED);
        rawVarint(length);
        return this;
    }

    ProtobufWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtobufWriter message(int field, ProtobufWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** A repeated int64 field, packed (the proto3 default, which proto2 parsers accept too). */
    ProtobufWriter packedVarints(int field, long[] values) {
        ProtobufWriter packed = new ProtobufWriter();
        for (long v : values) {
            packed.rawVarint(v);
        }
        return bytes(field, packed.toByteArray());
    }

    /** Little-endian float32 bytes, as TensorProto.raw_data holds them. */
    static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** Little-endian int64 bytes. */
    static byte[] littleEndian(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return b.array();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void key(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    /** Base-128 varint; negative int64 values take ten bytes, as the wire format specifies. */
    private void rawVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
